package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.List;
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
 * The chat list runs a fixed number of SQL statements whatever the page size (no query per row):
 * the statements that request threads prepare are counted through a wrapped DataSource.
 */
@IntegrationTest
@Import(ChatListQueryCountIntegrationTests.StatementLog.class)
class ChatListQueryCountIntegrationTests {

    /** Every statement prepared on a request thread, in order. */
    @TestConfiguration
    static class StatementLog {
        static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? counting(dataSource) : bean;
                }
            };
        }

        private static DataSource counting(DataSource target) {
            return (DataSource) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        return result instanceof Connection connection ? counting(connection) : result;
                    });
        }

        private static Connection counting(Connection target) {
            return (Connection) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                            if (onRequestThread()) {
                                STATEMENTS.add(args == null || args.length == 0 ? "(statement)" : String.valueOf(args[0]));
                            }
                        }
                        return invoke(target, method, args);
                    });
        }

        /** Tomcat's workers: platform threads "http-nio-…", or virtual threads "tomcat-handler-…". */
        private static boolean onRequestThread() {
            String name = Thread.currentThread().getName();
            return name.startsWith("http-nio") || name.startsWith("tomcat-handler");
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    SandboxPhone phone;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theChatListRunsTheSameStatementsFor25And100Rows() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var agent = accounts.create(Role.AGENT);
        var helper = accounts.create(Role.AGENT);
        var line = lines.link(admin, port);
        for (int i = 0; i < 110; i++) {
            phone.write(line.phoneNumberId(), Long.toString(593_990_000_000L + i), "Cliente " + i, "Mensaje " + i);
        }
        Eventually.await("110 chats", () -> jdbc.sql("select count(*) from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).single(), count -> count == 110);
        // every row has a holder, a participant and a last message: every lookup a row can need
        jdbc.sql("update chats set assigned_user_id = ? where connection_id = ?").params(agent.id(), line.connectionId()).update();
        jdbc.sql("insert into chat_participants (chat_id, user_id, added_at) select id, ?, ? from chats where connection_id = ?")
                .params(helper.id(), OffsetDateTime.now(), line.connectionId()).update();

        var small = statementsOf(admin, 25);
        var large = statementsOf(admin, 100);
        assertThat(large).as("statements for 100 rows vs 25").hasSameSizeAs(small);
        assertThat(large).as("the same statements, only the lists of ids and the page size differ").isEqualTo(small);
        assertThat(small.size()).as("a handful, not one per row").isLessThan(15);
    }

    private static List<String> statementsOf(ApiSession admin, int size) {
        admin.get("/api/chats?size=" + size); // warm caches (connections, users) so both runs compare like with like
        StatementLog.STATEMENTS.clear();
        var response = admin.get("/api/chats?size=" + size);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("items").size()).isEqualTo(size);
        var statements = StatementLog.STATEMENTS.stream()
                .map(sql -> sql.replaceAll("\\(\\?(, \\?)*\\)", "(?…)").replaceAll("fetch first \\d+ rows", "fetch first n rows"))
                .toList();
        assertThat(statements).as("the counter sees the list's statements").anyMatch(sql -> sql.contains("from chats c"));
        return statements;
    }
}
