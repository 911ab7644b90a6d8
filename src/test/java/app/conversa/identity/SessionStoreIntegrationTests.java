package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions begin at sign-in only, and reading with a session does not write it: its row is
 * touched at most once a minute, while it still expires and can still be ended. The statements
 * sent to the database are counted through a wrapped DataSource.
 */
@IntegrationTest
@Import(SessionStoreIntegrationTests.StatementLog.class)
class SessionStoreIntegrationTests {

    /** Every statement prepared on a request thread. */
    @TestConfiguration
    static class StatementLog {
        static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? proxy(DataSource.class, dataSource) : bean;
                }
            };
        }

        private static <T> T proxy(Class<T> type, T target) {
            return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare") && args != null && args.length > 0 && onRequestThread()) {
                            STATEMENTS.add(String.valueOf(args[0]).toLowerCase(Locale.ROOT).strip());
                        }
                        Object result;
                        try {
                            result = method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        return result instanceof Connection connection ? proxy(Connection.class, connection) : result;
                    }));
        }

        /** Tomcat's workers: platform threads "http-nio-…", or virtual threads "tomcat-handler-…". */
        private static boolean onRequestThread() {
            String name = Thread.currentThread().getName();
            return name.startsWith("http-nio") || name.startsWith("tomcat-handler");
        }

        static long sessionWrites() {
            return STATEMENTS.stream().filter(sql -> sql.startsWith("update spring_session")).count();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anonymousRequestsToTheApiAndToPagesCreateNoSession() throws Exception {
        long before = sessionRows();
        var http = HttpClient.newHttpClient();
        for (String path : List.of("/api/chats", "/api/auth/me", "/api/users?size=5", "/", "/inbox", "/login",
                "/api/public/info", "/ws")) {
            for (String accept : List.of("text/html", "*/*", "application/json")) {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(response.headers().allValues("Set-Cookie")).as("%s with Accept %s", path, accept)
                        .noneMatch(cookie -> cookie.startsWith("SESSION="));
                if (path.startsWith("/api/") && !path.startsWith("/api/public/")) {
                    assertThat(response.statusCode()).isEqualTo(401);
                }
            }
        }
        assertThat(ApiSession.anonymous(port).login("nobody", "wrong-password-1").status()).isEqualTo(401);

        assertThat(sessionRows()).isEqualTo(before);
    }

    /** Also: the signed-in user is read once per request. */
    @Test
    void readingWithASessionDoesNotWriteItUntilAMinuteHasPassed() {
        var agent = accounts.create(Role.AGENT);
        var session = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        String id = sessionId(session);

        StatementLog.STATEMENTS.clear();
        for (int i = 0; i < 20; i++) {
            assertThat(session.get("/api/auth/me").status()).isEqualTo(200);
        }
        assertThat(StatementLog.sessionWrites()).as("20 reads within the minute").isZero();
        assertThat(StatementLog.STATEMENTS).as("per request: the session, then the signed-in user, each in one statement")
                .hasSize(40).filteredOn(sql -> sql.contains("from spring_session")).hasSize(20);

        Instant aMinuteAgo = Instant.now().minus(Duration.ofSeconds(61));
        jdbc.sql("update spring_session set last_access_time = ? where session_id = ?")
                .params(aMinuteAgo.toEpochMilli(), id).update();
        StatementLog.STATEMENTS.clear();
        for (int i = 0; i < 5; i++) {
            assertThat(session.get("/api/auth/me").status()).isEqualTo(200);
        }
        assertThat(StatementLog.sessionWrites()).as("one touch, then reads again").isEqualTo(1);
        assertThat(jdbc.sql("select last_access_time from spring_session where session_id = ?").param(id)
                .query(Long.class).single()).isGreaterThan(aMinuteAgo.plusSeconds(30).toEpochMilli());
    }

    @Test
    void aSessionStillExpiresAndCanStillBeEnded() {
        var agent = accounts.create(Role.AGENT);
        var idle = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        var other = ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD);
        long longAgo = Instant.now().minus(Duration.ofHours(13)).toEpochMilli();
        jdbc.sql("update spring_session set last_access_time = ?, expiry_time = ? where session_id = ?")
                .params(longAgo, longAgo + Duration.ofHours(12).toMillis(), sessionId(idle)).update();

        assertThat(idle.get("/api/auth/me").status()).as("idle for 13 hours").isEqualTo(401);
        assertThat(other.get("/api/auth/me").status()).isEqualTo(200);
        assertThat(other.post("/api/auth/logout", null).status()).isEqualTo(204);
        assertThat(other.get("/api/auth/me").status()).as("signed out").isEqualTo(401);
    }

    private long sessionRows() {
        return jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    /** The session id behind the cookie (Spring Session writes it Base64-encoded). */
    private static String sessionId(ApiSession session) {
        return new String(Base64.getDecoder().decode(session.cookie("SESSION")), StandardCharsets.UTF_8);
    }
}
