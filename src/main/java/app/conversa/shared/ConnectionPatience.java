package app.conversa.shared;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * How long a thread waits for a pooled database connection. The pool's own timeout (30 s) suits
 * people, who would rather wait than see an error; a provider's webhook must be answered within
 * seconds (it gives up long before, and delivers again), so code that must answer fast runs
 * {@link #atMost(Duration)} and, when no connection comes in time, fails at once with the usual
 * "database unavailable" (a 503). The application's DataSource is wrapped for this; it also tells
 * the log once when connections stop coming (an outage) and once when they come again, instead
 * of a line per refused request.
 */
public final class ConnectionPatience {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPatience.class);
    private static final ThreadLocal<Duration> PATIENCE = new ThreadLocal<>();

    private ConnectionPatience() {
    }

    /** Until the returned scope is closed, this thread waits at most {@code patience} for a connection. */
    public static Scope atMost(Duration patience) {
        var before = PATIENCE.get();
        PATIENCE.set(patience);
        return () -> {
            if (before == null) {
                PATIENCE.remove();
            } else {
                PATIENCE.set(before);
            }
        };
    }

    /** Ends the patience set by {@link #atMost(Duration)}. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Wraps the application's DataSource (registered by {@link app.conversa.shared.ConnectionPatience.Configuration}). */
    static final class PatientDataSource extends DelegatingDataSource {

        private final AtomicReference<Instant> outageSince = new AtomicReference<>();

        PatientDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection;
            try {
                connection = acquire();
            } catch (SQLException e) {
                if (outageSince.compareAndSet(null, Clock.systemUTC().instant())) {
                    log.error("Database connections are failing ({}); requests that need one answer 503 until they come again",
                            e.toString());
                }
                throw e;
            }
            var since = outageSince.get();
            if (since != null && outageSince.compareAndSet(since, null)) {
                log.warn("Database connections come again, after {} s", Duration.between(since, Clock.systemUTC().instant())
                        .toSeconds());
            }
            return connection;
        }

        private Connection acquire() throws SQLException {
            var patience = PATIENCE.get();
            var target = obtainTargetDataSource();
            if (patience != null && target.isWrapperFor(HikariDataSource.class)
                    && target.unwrap(HikariDataSource.class).getHikariPoolMXBean() instanceof HikariPool pool) {
                return pool.getConnection(patience.toMillis());
            }
            return target.getConnection();
        }
    }

    /** Wraps the DataSource bean once it is ready. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Configuration {

        @org.springframework.context.annotation.Bean
        static BeanPostProcessor patientDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && !(bean instanceof PatientDataSource)
                            ? new PatientDataSource(dataSource) : bean;
                }
            };
        }
    }
}
