package app.conversa.channels;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reading fields out of a provider's webhook JSON, shared by the readers. */
public final class WebhookFields {

    private WebhookFields() {
    }

    /** Thrown for one item a reader cannot understand: its reason goes to the quarantine. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A scalar field as text; null when missing, null, empty or not a scalar. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asString().isEmpty() ? value.asString() : null;
    }

    public static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new Unreadable("missing " + field);
        }
        return value;
    }

    public static void putIfPresent(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    @SafeVarargs
    public static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
