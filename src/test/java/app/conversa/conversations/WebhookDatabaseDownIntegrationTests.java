package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** No 2xx before a durable commit: with the database unreachable, Meta gets a 5xx and will deliver again. */
@IntegrationTest
@Import(WebhookDatabaseDownIntegrationTests.Switchable.class)
class WebhookDatabaseDownIntegrationTests {

    /** Wraps the application's DataSource so a test can make every new connection fail, as when the database is down. */
    @TestConfiguration
    static class Switchable {
        static volatile boolean down;

        @Bean
        static BeanPostProcessor unreachableDatabase() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource real)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                            (proxy, method, args) -> {
                                if (down && method.getName().equals("getConnection")) {
                                    throw new SQLTransientConnectionException("database unreachable (test)");
                                }
                                try {
                                    return method.invoke(real, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
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

    @Test
    void aWebhookGetsA5xxWhileTheDatabaseIsDownAndIsStoredWhenMetaDeliversItAgain() throws Exception {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        var line = lines.link(admin, port);
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59322","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Pedro"},"wa_id":"593922222222"}],\
                "messages":[{"from":"593922222222","id":"wamid.DOWN-1","timestamp":"1763712000","type":"text",\
                "text":{"body":"\\u00bfHay alguien?"}}]}}]}]}""".formatted(line.phoneNumberId());

        int whileDown;
        Switchable.down = true;
        try {
            whileDown = SandboxLines.postWebhook(port, line, body).statusCode();
        } finally {
            Switchable.down = false;
        }
        assertThat(whileDown).isEqualTo(503);
        assertThat(jdbc.sql("select count(*) from inbound_webhooks where connection_id = ?").param(line.connectionId())
                .query(Long.class).single()).isZero();

        assertThat(SandboxLines.postWebhook(port, line, body).statusCode()).isEqualTo(200);
        Eventually.await("the message", () -> jdbc.sql("select count(*) from messages where provider_message_id = 'wamid.DOWN-1'")
                .query(Long.class).single(), n -> n == 1);
    }
}
