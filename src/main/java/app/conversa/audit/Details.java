package app.conversa.audit;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Details of an entry as a JSON object in a text column, capped so one entry cannot grow without bound. */
@Component
class Details {

    private static final int MAX_LENGTH = 8000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;

    Details(ObjectMapper json) {
        this.json = json;
    }

    String write(Map<String, ?> values) {
        String text = json.writeValueAsString(values == null ? Map.of() : values);
        return text.length() <= MAX_LENGTH ? text : json.writeValueAsString(Map.of("truncated", text.substring(0, 1000)));
    }

    Map<String, Object> read(String text) {
        return json.readValue(text, MAP);
    }
}
