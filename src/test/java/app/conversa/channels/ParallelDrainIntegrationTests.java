package app.conversa.channels;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.shared.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A backlog drained by several workers at once: every message stored once, and each customer's
 * messages in the order they arrived, whichever worker stored them.
 */
@IntegrationTest
class ParallelDrainIntegrationTests {

    private static final String MESSAGE = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":\
            {"messaging_product":"whatsapp","metadata":{"display_phone_number":"593991234567","phone_number_id":"%s"},\
            "contacts":[{"profile":{"name":"Cliente %s"},"wa_id":"%s"}],\
            "messages":[{"from":"%s","id":"wamid.%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},\
            "field":"messages"}]}]}""";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox secrets;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    WebhookDrainer drainer;

    @Test
    void aBacklogOfManyCustomersIsStoredOnceEachCustomerInTheOrderTheyWrote() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String phoneNumberId = ConnectionsIntegrationTests.randomPhoneNumberId();
        long connectionId = admin.post("/api/connections", ConnectionsIntegrationTests.newConnection(phoneNumberId))
                .json().get("id").asLong();
        var customers = new ArrayList<String>();
        for (int c = 0; c < 8; c++) {
            customers.add("5939" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        }
        int perCustomer = 6;
        long timestamp = 1_763_712_000L;
        // the whole backlog committed at once, customers interleaved, as a burst leaves it
        transactions.executeWithoutResult(tx -> {
            for (int m = 0; m < perCustomer; m++) {
                for (String customer : customers) {
                    String body = MESSAGE.formatted(phoneNumberId, customer, customer, customer, customer + "." + m,
                            timestamp + m, "mensaje " + m);
                    jdbc.sql("insert into inbound_webhooks (connection_id, received_at, body) values (?, ?, ?)")
                            .params(connectionId, OffsetDateTime.now(ZoneOffset.UTC),
                                    secrets.seal(body.getBytes(StandardCharsets.UTF_8), WebhookDrainer.bodyContext(connectionId)))
                            .update();
                }
            }
        });
        drainer.wake();
        Eventually.await("the backlog processed", () -> jdbc.sql(
                "select count(*) from inbound_webhooks where connection_id = ? and processed_at is null")
                .param(connectionId).query(Long.class).single(), waiting -> waiting == 0);

        for (String customer : customers) {
            List<String> ids = jdbc.sql("""
                    select provider_message_id from messages where connection_id = ? and provider_message_id like ?
                    order by id""").params(connectionId, "wamid." + customer + ".%").query(String.class).list();
            var expected = new ArrayList<String>();
            for (int m = 0; m < perCustomer; m++) {
                expected.add("wamid." + customer + "." + m);
            }
            assertThat(ids).as("customer " + customer + ": each message once, in order").isEqualTo(expected);
        }
        assertThat(jdbc.sql("select count(distinct contact_id) from chats where connection_id = ?").param(connectionId)
                .query(Long.class).single()).as("one chat per customer").isEqualTo(customers.size());
    }
}
