package app.conversa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.shared.AccessRefused;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentRefusalsTests {

    private final RecentRefusals recent = new RecentRefusals(Duration.ofMinutes(1));
    private final Instant start = Instant.parse("2026-11-21T10:00:00Z");
    private final AccessRefused refusal = new AccessRefused("7", "GET", "/api/roles", "forbidden");

    @Test
    void aRefusalRepeatedWithinTheWindowIsRecordedOnce() {
        assertThat(recent.firstIn(refusal, start)).isTrue();
        assertThat(recent.firstIn(refusal, start.plusSeconds(30))).isFalse();
        assertThat(recent.firstIn(new AccessRefused("7", "GET", "/api/audit", "forbidden"), start.plusSeconds(30))).isTrue();
        assertThat(recent.firstIn(new AccessRefused("8", "GET", "/api/roles", "forbidden"), start.plusSeconds(30))).isTrue();
    }

    @Test
    void theSameRefusalAfterTheWindowIsRecordedAgain() {
        recent.firstIn(refusal, start);

        assertThat(recent.firstIn(refusal, start.plusSeconds(61))).isTrue();
    }
}
