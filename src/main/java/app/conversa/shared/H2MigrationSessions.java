package app.conversa.shared;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On H2, Flyway migrates over connections of its own that stay open until the application stops.
 * H2 2.4 binds a check constraint written with an {@code IN} list ({@code status in ('A', 'B')})
 * to the session that created it: once that session is closed, every insert into the table fails
 * with "Check constraint invalid ... The database has been closed" until the database is opened
 * again. Migrating over the pool's connections made that happen as soon as the pool retired the
 * migrating connection (its 30 min lifetime, an eviction after an outage, or H2 closing a
 * connection nobody references any more). PostgreSQL has no such tie; there Flyway keeps using
 * the application's DataSource.
 */
final class H2MigrationSessions implements FlywayConfigurationCustomizer, DisposableBean {

    private final Environment env;
    private final List<Connection> open = new CopyOnWriteArrayList<>();

    H2MigrationSessions(Environment env) {
        this.env = env;
    }

    @Override
    public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        String url = env.getProperty("spring.flyway.url", env.getProperty("spring.datasource.url", ""));
        if (!url.startsWith("jdbc:h2:")) {
            return;
        }
        boolean own = env.containsProperty("spring.flyway.url");
        var driver = new DriverManagerDataSource(url,
                env.getProperty(own ? "spring.flyway.user" : "spring.datasource.username", "sa"),
                env.getProperty(own ? "spring.flyway.password" : "spring.datasource.password", ""));
        configuration.dataSource(new DriverManagerDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return keptOpen(driver.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return keptOpen(driver.getConnection(username, password));
            }
        });
    }

    /** A connection Flyway's close leaves open (and referenced, or H2 would close it once collected). */
    private Connection keptOpen(Connection connection) {
        open.add(connection);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void destroy() throws SQLException {
        for (var connection : open) {
            connection.close();
        }
        open.clear();
    }

    /** Registers the customizer (Flyway asks for it on every database; it acts on H2 only). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Configuration {

        @org.springframework.context.annotation.Bean
        H2MigrationSessions h2MigrationSessions(Environment env) {
            return new H2MigrationSessions(env);
        }
    }
}
