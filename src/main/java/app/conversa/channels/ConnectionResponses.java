package app.conversa.channels;

import app.conversa.channels.ConnectionController.ConnectionResponse;
import app.conversa.channels.ConnectionController.HoursView;
import app.conversa.channels.ConnectionController.LinkView;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A connection as the connections API shows it, whichever provider's controller answers. */
@Component
public class ConnectionResponses {

    private static final tools.jackson.databind.ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final ConnectionLinks links;
    private final Providers providers;

    ConnectionResponses(ConnectionLinks links, Providers providers) {
        this.links = links;
        this.providers = providers;
    }

    /** With its link to WhatsApp as it is now, if it has one. */
    public ConnectionResponse of(Connection c) {
        return of(c, links.find(c.id()).orElse(null), List.of());
    }

    ConnectionResponse of(Connection c, ConnectionLinks.Link link) {
        return of(c, link, List.of());
    }

    ConnectionResponse of(Connection c, ConnectionLinks.Link link, List<Long> agentIds) {
        String webhookUrl = providers.numbers(c.provider()).webhookPath(c)
                .map(path -> ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString()).orElse(null);
        return new ConnectionResponse(c.id(), c.name(), c.provider(), c.displayNumber(), c.phoneNumberId(), c.wabaId(),
                c.graphBaseUrl(), c.graphVersion(), c.welcomeMessage(), c.farewellMessage(), c.active(), webhookUrl,
                c.sealedAccessToken() != null, c.sealedAppSecret() != null, c.sealedVerifyToken() != null,
                c.instanceName(), link == null ? null : LinkView.of(link),
                c.businessHoursJson() == null ? null : HoursView.of(BusinessHours.fromJson(JSON, c.businessHoursJson())),
                c.outOfHoursMessage(), c.departmentId(), agentIds, c.createdAt());
    }
}
