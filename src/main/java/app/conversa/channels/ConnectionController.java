package app.conversa.channels;

import app.conversa.identity.CurrentUser;
import app.conversa.identity.Role;
import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** WhatsApp connections. Secrets go in, never out: responses only say whether each one is set. */
@RestController
@Tag(name = "Connections")
@RequestMapping("/api/connections")
public class ConnectionController {

    private static final tools.jackson.databind.ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final Connections connections;
    private final ConnectionLinks links;
    private final ConnectionTeam team;
    private final ConnectionResponses responses;
    private final Providers providers;
    private final ConnectionRepository repository;

    ConnectionController(Connections connections, ConnectionLinks links, ConnectionTeam team, ConnectionResponses responses,
            Providers providers, ConnectionRepository repository) {
        this.repository = repository;
        this.responses = responses;
        this.providers = providers;
        this.connections = connections;
        this.links = links;
        this.team = team;
    }

    /** A gateway number's link to WhatsApp (null for Cloud API numbers). */
    public record LinkView(LinkState state, @Schema(nullable = true) Integer reasonCode, @Schema(nullable = true) String detail,
            Instant changedAt, @Schema(nullable = true) Instant heardAt, @Schema(nullable = true) String profileName,
            int reconnectAttempts, @Schema(nullable = true) Instant nextReconnectAt) {

        public static LinkView of(ConnectionLinks.Link link) {
            return new LinkView(link.state(), link.reasonCode(), link.detail(), link.changedAt(), link.heardAt(),
                    link.profileName(), link.reconnectAttempts(), link.nextReconnectAt());
        }
    }

    /** One attended interval, local time "HH:mm" ("24:00" ends the day). */
    public record IntervalView(@NotBlank String from, @NotBlank String to) { }

    /** When a number is attended: time zone, intervals per weekday (a day left out is closed), holidays. */
    public record HoursView(String timeZone, java.util.Map<java.time.DayOfWeek, List<IntervalView>> days, List<String> holidays) {

        public static HoursView of(BusinessHours hours) {
            var days = new java.util.EnumMap<java.time.DayOfWeek, List<IntervalView>>(java.time.DayOfWeek.class);
            hours.days().forEach((day, intervals) -> days.put(day, intervals.stream()
                    .map(i -> new IntervalView(BusinessHours.text(i.from()), BusinessHours.text(i.to()))).toList()));
            return new HoursView(hours.zone().getId(), days, hours.holidays().stream().sorted().map(Object::toString).toList());
        }
    }

    record HoursRequest(
            @Schema(description = "false removes the schedule: always attended") boolean enabled,
            @Schema(nullable = true, example = "America/Guayaquil") @Size(max = 60) String timeZone,
            @Schema(nullable = true) java.util.Map<java.time.DayOfWeek, @Size(max = 4) List<@Valid IntervalView>> days,
            @Schema(nullable = true) @Size(max = 200) List<@Size(max = 10) String> holidays,
            @Schema(nullable = true) @Size(max = 1000) String outOfHoursMessage) { }

    public record ConnectionResponse(long id, String name, Provider provider, String displayNumber,
            @Schema(nullable = true) String phoneNumberId, @Schema(nullable = true) String wabaId,
            @Schema(nullable = true) String graphBaseUrl, @Schema(nullable = true) String graphVersion,
            @Schema(nullable = true) String welcomeMessage, @Schema(nullable = true) String farewellMessage,
            boolean active, @Schema(nullable = true) String webhookUrl, boolean accessTokenSet, boolean appSecretSet,
            boolean verifyTokenSet, @Schema(nullable = true) String instanceName, @Schema(nullable = true) LinkView link,
            @Schema(nullable = true) HoursView hours, @Schema(nullable = true) String outOfHoursMessage,
            @Schema(nullable = true) Long departmentId,
            @Schema(description = "The agents who may use the number; empty: every agent of its department") List<Long> agentIds,
            Instant createdAt) { }

    record TeamRequest(@Schema(nullable = true) Long departmentId, @jakarta.validation.constraints.NotNull
            @Size(max = 500) List<@jakarta.validation.constraints.NotNull Long> agentIds) { }

    /**
     * The numbers the user is responsible for or works with: administrators see every one;
     * supervisors those of their departments (as for the QR, reconnecting and the history);
     * agents those of their departments they may use (listed in the number's team, or an empty team).
     */
    @GetMapping
    @PreAuthorize("hasAuthority('connections.view')")
    List<ConnectionResponse> list(@AuthenticationPrincipal CurrentUser me) {
        var known = links.all();
        var all = connections.all();
        var agents = team.agentsOf(all.stream().map(Connection::id).toList());
        return all.stream().filter(c -> visibleTo(me, c, agents.getOrDefault(c.id(), List.of())))
                .map(c -> responses.of(c, known.get(c.id()), agents.getOrDefault(c.id(), List.of()))).toList();
    }

    private static boolean visibleTo(CurrentUser me, Connection connection, List<Long> agentIds) {
        if (me.isAdministrator()) {
            return true;
        }
        if (connection.departmentId() == null || !me.departmentIds().contains(connection.departmentId())) {
            return false;
        }
        return me.role() != Role.AGENT || agentIds.isEmpty() || agentIds.contains(me.id());
    }

    @PutMapping("/{id}/team")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionResponse team(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody TeamRequest request) {
        team.set(me.actor(), id, request.departmentId(), request.agentIds());
        var connection = repository.findById(id).orElseThrow();
        return responses.of(connection, links.find(id).orElse(null), team.agentsOf(List.of(id)).getOrDefault(id, List.of()));
    }

    @PutMapping("/{id}/hours")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionResponse hours(@AuthenticationPrincipal CurrentUser me, @PathVariable long id,
            @Valid @RequestBody HoursRequest request) {
        BusinessHours hours = null;
        if (request.enabled()) {
            var intervals = new java.util.EnumMap<java.time.DayOfWeek, List<String[]>>(java.time.DayOfWeek.class);
            if (request.days() != null) {
                request.days().forEach((day, list) -> intervals.put(day,
                        list == null ? List.of() : list.stream().map(i -> new String[] {i.from(), i.to()}).toList()));
            }
            hours = BusinessHours.of(request.timeZone(), intervals, request.holidays() == null ? List.of() : request.holidays());
        }
        var connection = connections.schedule(me.actor(), id, hours, request.outOfHoursMessage(), JSON);
        return responses.of(connection, links.find(id).orElse(null));
    }

    @PostMapping("/{id}/inactivate")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionResponse inactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        var connection = connections.inactivate(me.actor(), id);
        return responses.of(connection, links.find(id).orElse(null));
    }

    @PostMapping("/{id}/reactivate")
    @PreAuthorize("hasAuthority('connections.manage')")
    ConnectionResponse reactivate(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        var provider = repository.findById(id).orElseThrow(() -> ConversaException.notFound("connection.not_found", id))
                .provider();
        var connection = providers.numbers(provider).reactivate(me.actor(), id);
        return responses.of(connection, links.find(id).orElse(null));
    }

}
