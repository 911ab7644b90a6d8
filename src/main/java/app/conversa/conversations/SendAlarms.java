package app.conversa.conversations;

import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the sender tells administrators (E1): a message that finally failed, and a message sent
 * again without the provider saying it lacked it, which the customer may therefore get twice
 * (also counted in the metric {@value #POSSIBLE_DUPLICATES}). Called after the change committed.
 */
@Component
class SendAlarms {

    static final String POSSIBLE_DUPLICATES = "conversa.outbound.possible_duplicates";

    private final CriticalEvents criticalEvents;
    private final Counter possibleDuplicates;

    SendAlarms(CriticalEvents criticalEvents, MeterRegistry meters) {
        this.criticalEvents = criticalEvents;
        this.possibleDuplicates = Counter.builder(POSSIBLE_DUPLICATES)
                .description("Messages sent again while the provider may have had them already").register(meters);
    }

    void sendFailed(long messageId, long chatId, long connectionId, int attempts, String code, String reason) {
        var values = message(messageId, chatId, connectionId);
        values.put("attempts", attempts);
        values.put("code", code);
        values.put("reason", reason);
        criticalEvents.record(Severity.WARNING, "conversations", "conversations.send_failed", values);
    }

    void possibleDuplicate(long messageId, long chatId, long connectionId, String reason) {
        possibleDuplicates.increment();
        var values = message(messageId, chatId, connectionId);
        values.put("reason", reason);
        criticalEvents.record(Severity.WARNING, "conversations", "conversations.possible_duplicate", values);
    }

    private static Map<String, Object> message(long messageId, long chatId, long connectionId) {
        var values = new LinkedHashMap<String, Object>();
        values.put("messageId", messageId);
        values.put("chatId", chatId);
        values.put("connectionId", connectionId);
        return values;
    }
}
