package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesFromTheFirstPauseUpToTheCap() {
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(1_000)).as("no overflow").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeiling() {
        for (int attempt = 1; attempt < 15; attempt++) {
            for (int i = 0; i < 50; i++) {
                var ceiling = backoff.ceiling(attempt);
                assertThat(backoff.withJitter(attempt)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
    }

    @Test
    void refusesAPolicyThatCannotWork() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
