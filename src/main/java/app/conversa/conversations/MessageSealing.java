package app.conversa.conversations;

import app.conversa.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Message text and details are customer content: sealed at rest, each for its own column. */
@Component
class MessageSealing {

    private static final String BODY = "messages.body";
    private static final String DETAILS = "messages.details";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final SecretBox secrets;
    private final ObjectMapper json;

    MessageSealing(SecretBox secrets, ObjectMapper json) {
        this.secrets = secrets;
        this.json = json;
    }

    byte[] sealBody(String text) {
        return text == null ? null : secrets.seal(text.getBytes(StandardCharsets.UTF_8), BODY);
    }

    String openBody(byte[] sealed) {
        return sealed == null ? null : new String(secrets.open(sealed, BODY), StandardCharsets.UTF_8);
    }

    byte[] sealDetails(Map<String, Object> details) {
        return details == null || details.isEmpty() ? null : secrets.seal(json.writeValueAsBytes(details), DETAILS);
    }

    Map<String, Object> openDetails(byte[] sealed) {
        return sealed == null ? Map.of() : json.readValue(secrets.open(sealed, DETAILS), MAP);
    }
}
