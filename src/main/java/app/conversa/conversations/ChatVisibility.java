package app.conversa.conversations;

import app.conversa.identity.CurrentUser;
import app.conversa.identity.Permission;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see a chat (R5), one rule for the list, the detail, the messages, the media and the
 * real-time events: users with {@code chats.view.all} see every chat; with
 * {@code chats.view.department}, the chats of their departments; everyone, the chats assigned
 * to them. A chat outside the rule does not exist for that user (404).
 */
@Component
public class ChatVisibility {

    /** A SQL condition on the chats table aliased {@code c}, with its named parameters. */
    record Condition(String sql, Map<String, Object> params) {
    }

    private final JdbcClient jdbc;

    ChatVisibility(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Condition condition(CurrentUser user) {
        if (user.permissions().contains(Permission.CHATS_VIEW_ALL)) {
            return new Condition("1 = 1", Map.of());
        }
        var params = new HashMap<String, Object>();
        params.put("viewer", user.id());
        if (user.permissions().contains(Permission.CHATS_VIEW_DEPARTMENT) && !user.departmentIds().isEmpty()) {
            params.put("viewerDepartments", user.departmentIds());
            return new Condition("(c.assigned_user_id = :viewer or c.department_id in (:viewerDepartments))", params);
        }
        return new Condition("c.assigned_user_id = :viewer", params);
    }

    /** The same rule in memory, for a chat already loaded (real-time audiences). */
    boolean allows(CurrentUser user, Long assignedUserId, Long departmentId) {
        if (user.permissions().contains(Permission.CHATS_VIEW_ALL)) {
            return true;
        }
        if (assignedUserId != null && assignedUserId == user.id()) {
            return true;
        }
        return user.permissions().contains(Permission.CHATS_VIEW_DEPARTMENT) && departmentId != null
                && user.departmentIds().contains(departmentId);
    }

    /** Whether the user may see the chat; an unknown chat is simply not visible. */
    public boolean canSee(CurrentUser user, long chatId) {
        var condition = condition(user);
        return jdbc.sql("select count(*) from chats c where c.id = :chat and " + condition.sql())
                .params(condition.params()).param("chat", chatId).query(Long.class).single() > 0;
    }
}
