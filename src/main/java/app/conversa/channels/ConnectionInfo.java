package app.conversa.channels;

import java.time.Instant;

/**
 * What other modules may know about a connection: never its secrets. {@code businessHours} is
 * null when the number has no schedule (always attended).
 */
public record ConnectionInfo(long id, String name, String displayNumber, Provider provider, Long departmentId,
        String welcomeMessage, String farewellMessage, boolean active, BusinessHours businessHours,
        String outOfHoursMessage) {

    /** Whether a customer writing now should be told the number is closed (a schedule and a message exist). */
    public boolean closedAt(Instant at) {
        return businessHours != null && outOfHoursMessage != null && !outOfHoursMessage.isBlank()
                && !businessHours.open(at);
    }
}
