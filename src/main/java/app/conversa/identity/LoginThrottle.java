package app.conversa.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits password guesses per login and per client address, counted in the database so every
 * node sees the same counts. Each attempt is committed on its own before it is counted and before
 * its password is checked: the k-th attempt to commit then sees at least k attempts, so parallel
 * guesses cannot all slip under the limit. A successful attempt clears the login's attempts; a
 * failed one stays until the window has passed.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final TransactionTemplate separately;

    LoginThrottle(JdbcClient jdbc, LoginThrottleSettings settings, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an attempt, or refuses it (and takes it back) when either limit is used up. */
    void attempt(String login, String clientAddress) {
        String address = bucketOf(clientAddress);
        Instant now = clock.instant();
        Instant since = now.minus(settings.window());
        long attempt = separately.execute(status -> {
            var keys = new GeneratedKeyHolder();
            jdbc.sql("insert into login_failures (login, address, failed_at) values (?, ?, ?)")
                    .params(login, address, utc(now)).update(keys, "id");
            return keys.getKeyAs(Number.class).longValue();
        });
        var blocked = blocked("login", login, settings.maxFailuresPerLogin(), since)
                .or(() -> blocked("address", address, settings.maxFailuresPerAddress(), since));
        if (blocked.isPresent()) {
            separately.executeWithoutResult(status ->
                    jdbc.sql("delete from login_failures where id = ?").param(attempt).update());
            throw new LoginThrottledException(blocked.get());
        }
    }

    /** Forgets attempts older than the window; off the sign-in path, so concurrent sign-ins never contend on it. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void forgetOldAttempts() {
        jdbc.sql("delete from login_failures where failed_at < ?")
                .param(utc(clock.instant().minus(settings.window()))).update();
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

    /**
     * The address an attempt counts against: an IPv4 address as it is, an IPv6 address as its
     * /64 network, because one host can use every address of its /64.
     */
    static String bucketOf(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** PostgreSQL's driver binds OffsetDateTime, not Instant. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
