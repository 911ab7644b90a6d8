package app.conversa.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per login and per client address in the database (so every node sees the
 * same counts) and refuses further attempts once either passes its limit within the window.
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

    void check(String login, String address) {
        Instant since = clock.instant().minus(settings.window());
        blocked("login", login, settings.maxFailuresPerLogin(), since)
                .or(() -> blocked("address", address, settings.maxFailuresPerAddress(), since))
                .ifPresent(retryAfter -> {
                    throw new LoginThrottledException(retryAfter);
                });
    }

    /** Records a failure; returns true when it is the one that reaches the per-login limit. */
    boolean recordFailure(String login, String address) {
        Instant now = clock.instant();
        jdbc.sql("delete from login_failures where failed_at < ?").param(utc(now.minus(settings.window()))).update();
        jdbc.sql("insert into login_failures (login, address, failed_at) values (?, ?, ?)")
                .params(login, address, utc(now)).update();
        return failuresSince("login", login, now.minus(settings.window())) == settings.maxFailuresPerLogin();
    }

    void clear(String login) {
        jdbc.sql("delete from login_failures where login = ?").param(login).update();
    }

    private Optional<Duration> blocked(String column, String value, int limit, Instant since) {
        if (failuresSince(column, value, since) < limit) {
            return Optional.empty();
        }
        Instant oldest = jdbc.sql("select min(failed_at) from login_failures where " + column + " = ? and failed_at >= ?")
                .params(value, utc(since)).query(OffsetDateTime.class).single().toInstant();
        return Optional.of(Duration.between(clock.instant(), oldest.plus(settings.window())));
    }

    private long failuresSince(String column, String value, Instant since) {
        return jdbc.sql("select count(*) from login_failures where " + column + " = ? and failed_at >= ?")
                .params(value, utc(since)).query(Long.class).single();
    }

    /** PostgreSQL's driver binds OffsetDateTime, not Instant. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
