package app.conversa.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits password guesses per login and per client address, counted in the database so every
 * node sees the same counts. Each attempt is written and committed before its password is
 * checked, so attempts made in parallel count against each other; a successful one clears the
 * login's attempts, a failed one stays until the window has passed.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final LoginThrottleSettings settings;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, LoginThrottleSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Records an attempt, or refuses it (and records nothing) when either limit is already used up. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void attempt(String login, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(settings.window());
        jdbc.sql("delete from login_failures where failed_at < ?").param(utc(since)).update();
        jdbc.sql("insert into login_failures (login, address, failed_at) values (?, ?, ?)")
                .params(login, address, utc(now)).update();
        blocked("login", login, settings.maxFailuresPerLogin(), since)
                .or(() -> blocked("address", address, settings.maxFailuresPerAddress(), since))
                .ifPresent(retryAfter -> {
                    throw new LoginThrottledException(retryAfter);
                });
    }

    /** Whether the login has just used up its allowance (to report a lock once). */
    boolean exhausted(String login) {
        return count("login", login, clock.instant().minus(settings.window())) == settings.maxFailuresPerLogin();
    }

    void succeeded(String login) {
        jdbc.sql("delete from login_failures where login = ?").param(login).update();
    }

    private Optional<Duration> blocked(String column, String value, int limit, Instant since) {
        if (count(column, value, since) <= limit) {
            return Optional.empty();
        }
        Instant oldest = jdbc.sql("select min(failed_at) from login_failures where " + column + " = ? and failed_at >= ?")
                .params(value, utc(since)).query(OffsetDateTime.class).single().toInstant();
        return Optional.of(Duration.between(clock.instant(), oldest.plus(settings.window())));
    }

    private long count(String column, String value, Instant since) {
        return jdbc.sql("select count(*) from login_failures where " + column + " = ? and failed_at >= ?")
                .params(value, utc(since)).query(Long.class).single();
    }

    /** PostgreSQL's driver binds OffsetDateTime, not Instant. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
