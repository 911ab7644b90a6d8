package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No 2xx before a durable commit: with the database unreachable, Meta gets a 5xx and will deliver
 * again, and gets it within seconds (Meta and gateways time out long before the pool's 30 s), with
 * one line in the log for the outage rather than one per call.
 */
@IntegrationTest
@Import(WebhookDatabaseDownIntegrationTests.Switchable.class)
@ExtendWith(OutputCaptureExtension.class)
class WebhookDatabaseDownIntegrationTests {

    /**
     * Puts a switch between the connection pool and the database driver, so a test can make the
     * database unreachable as a real outage does: the pooled connections die and new ones fail,
     * and the pool waits for one in vain. The pool's connections really close: on H2 this also
     * proves that tables still accept rows once every session the pool had is gone (H2 ties an
     * IN-list check constraint to the session that created it; see H2MigrationSessions).
     */
    @TestConfiguration
    static class Switchable {
        static volatile boolean down;

        @Bean
        static BeanPostProcessor unreachableDatabase() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (bean instanceof HikariDataSource pool) {
                        var driver = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
                                pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword());
                        pool.setDataSource((DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                                    if (down && method.getName().equals("getConnection")) {
                                        throw new SQLTransientConnectionException("database unreachable (test)");
                                    }
                                    return invoke(driver, method, args);
                                }));
                    }
                    return bean;
                }
            };
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        static void goDown(DataSource dataSource) throws java.sql.SQLException {
            down = true;
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aWebhookGetsA503WithinSecondsWhileTheDatabaseIsDownAndIsStoredWhenMetaDeliversItAgain(CapturedOutput output)
            throws Exception {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port);
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59322","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Pedro"},"wa_id":"593922222222"}],\
                "messages":[{"from":"593922222222","id":"wamid.DOWN-1","timestamp":"1763712000","type":"text",\
                "text":{"body":"\\u00bfHay alguien?"}}]}}]}]}""".formatted(line.phoneNumberId());

        var answers = new java.util.ArrayList<Integer>();
        Switchable.goDown(dataSource);
        try {
            for (int delivery = 1; delivery <= 5; delivery++) {
                long started = System.nanoTime();
                answers.add(SandboxLines.postWebhook(port, line, body).statusCode());
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("answered within about 2 s")
                        .isLessThan(java.time.Duration.ofMillis(2500));
                started = System.nanoTime();
                answers.add(postToGateway(line.connectionId() + 1_000_000, "{\"event\":\"messages.upsert\"}"));
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("a gateway's too")
                        .isLessThan(java.time.Duration.ofMillis(2500));
            }
        } finally {
            Switchable.down = false;
        }
        assertThat(answers).containsOnly(503);
        assertThat(count(output.getAll(), "Database connections are failing")).as("one line for the outage").isEqualTo(1);
        assertThat(count(output.getAll(), "Database unavailable")).as("none per call").isZero();
        assertThat(jdbc.sql("select count(*) from inbound_webhooks where connection_id = ?").param(line.connectionId())
                .query(Long.class).single()).isZero();

        assertThat(SandboxLines.postWebhook(port, line, body).statusCode()).isEqualTo(200);
        Eventually.await("the return noted", () -> count(output.getAll(), "Database connections come again"), n -> n == 1);
        Eventually.await("the message", () -> jdbc.sql("select count(*) from messages where provider_message_id = 'wamid.DOWN-1'")
                .query(Long.class).single(), n -> n == 1);
    }

    /** A gateway's webhook (its secret cannot be checked without the database: 503, never 4xx). */
    private int postToGateway(long connectionId, String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/webhooks/evolution/" + connectionId))
                .header("Content-Type", "application/json").header("x-conversa-secret", "some-secret")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static long count(String log, String line) {
        return log.lines().filter(l -> l.contains(line)).count();
    }
}
