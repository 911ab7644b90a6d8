package app.conversa.conversations;

import app.conversa.channels.ChannelDirectory;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see a chat (R4, R5), one rule for the list, search, the detail, the messages, the
 * media, the counters and the real-time events:
 * <ul>
 * <li>with {@code chats.view.all}: every chat;</li>
 * <li>everyone: the chats assigned to them and those they were added to as a participant;</li>
 * <li>with {@code chats.view.department}: the chats of their departments;</li>
 * <li>with {@code chats.take}: also the NEW, unassigned chats of their departments (the queue
 * they take chats from).</li>
 * </ul>
 * A chat outside the rule does not exist for that user (404).
 */
@Component
public class ChatVisibility {

    /**
     * A SQL condition on the chats table aliased {@code c}, with its named parameters; the same as
     * {@code alternatives}, any of which admits a chat, each served by an index of its own (the
     * chat list takes the newest rows of each, then merges them).
     */
    record Condition(String sql, List<String> alternatives, Map<String, Object> params) {
    }

    static final String HELD = "c.assigned_user_id = :viewer";
    static final String PARTICIPATING = "c.id in (select p.chat_id from chat_participants p where p.user_id = :viewer)";

    /**
     * Held by or shared with the viewer, as one id subquery: both halves are index lookups, so the
     * list walks only the viewer's chats (an OR of the two made PostgreSQL walk every chat by
     * activity, testing each; see docs/benchmarks.md).
     */
    static final String HELD_OR_PARTICIPATING = """
            c.id in (select a.id from chats a where a.assigned_user_id = :viewer
                union all select p.chat_id from chat_participants p where p.user_id = :viewer)""";

    private final JdbcClient jdbc;
    private final ChannelDirectory channels;

    ChatVisibility(JdbcClient jdbc, ChannelDirectory channels) {
        this.jdbc = jdbc;
        this.channels = channels;
    }

    Condition condition(CurrentUser user) {
        if (user.permissions().contains(Permission.CHATS_VIEW_ALL)) {
            return new Condition("1 = 1", List.of("1 = 1"), Map.of());
        }
        var params = new HashMap<String, Object>();
        params.put("viewer", user.id());
        List<String> combined = new ArrayList<>(List.of(HELD_OR_PARTICIPATING));
        List<String> alternatives = new ArrayList<>(List.of(HELD, PARTICIPATING));
        if (!user.departmentIds().isEmpty()) {
            if (user.permissions().contains(Permission.CHATS_VIEW_DEPARTMENT)) {
                params.put("viewerDepartments", user.departmentIds());
                combined.add("c.department_id in (:viewerDepartments)");
            } else if (user.permissions().contains(Permission.CHATS_TAKE)) {
                // the queue of the numbers the agent may use: those listing them, or listing nobody
                var usable = channels.connectionsUsableBy(user.id());
                if (!usable.isEmpty()) {
                    params.put("viewerDepartments", user.departmentIds());
                    params.put("usableConnections", usable);
                    combined.add("""
                            (c.state = 'NEW' and c.assigned_user_id is null and c.department_id in (:viewerDepartments)
                                and c.connection_id in (:usableConnections))""");
                }
            }
        }
        alternatives.addAll(combined.subList(1, combined.size()));
        return new Condition("(" + String.join(" or ", combined) + ")", List.copyOf(alternatives), params);
    }

    /** The same rule in memory, for a chat already loaded (real-time audiences). */
    boolean allows(CurrentUser user, Long assignedUserId, Long departmentId, ChatState state,
            Collection<Long> participantIds, Collection<Long> connectionAgents) {
        if (!user.permissions().contains(Permission.CHATS_READ)) {
            return false;
        }
        if (user.permissions().contains(Permission.CHATS_VIEW_ALL)) {
            return true;
        }
        if (assignedUserId != null && assignedUserId == user.id() || participantIds.contains(user.id())) {
            return true;
        }
        if (departmentId == null || !user.departmentIds().contains(departmentId)) {
            return false;
        }
        return user.permissions().contains(Permission.CHATS_VIEW_DEPARTMENT)
                || user.permissions().contains(Permission.CHATS_TAKE) && state == ChatState.NEW && assignedUserId == null
                        && (connectionAgents.isEmpty() || connectionAgents.contains(user.id()));
    }

    /** Whether the user may see the chat; an unknown chat is simply not visible. */
    public boolean canSee(CurrentUser user, long chatId) {
        var condition = condition(user);
        return jdbc.sql("select count(*) from chats c where c.id = :chat and " + condition.sql())
                .params(condition.params()).param("chat", chatId).query(Long.class).single() > 0;
    }
}
