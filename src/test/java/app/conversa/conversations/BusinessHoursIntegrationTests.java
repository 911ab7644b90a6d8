package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A customer writing outside a number's business hours is told so once a day per chat, and not within them. */
@IntegrationTest
class BusinessHoursIntegrationTests {

    private static final String CLOSED = "Nuestro horario es de lunes a viernes de 08:00 a 18:00. Le responderemos mañana.";

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

    private ApiSession admin;
    private SandboxLines.Line line;
    private String customer;

    @BeforeEach
    void aNumber() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        line = lines.link(admin, port);
        customer = "5939" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
    }

    private long automatic(String key) {
        return jdbc.sql("""
                select count(*) from messages m join chats c on c.id = m.chat_id
                where c.connection_id = ? and m.author_type = 'SYSTEM' and m.idempotency_key like ?""")
                .params(line.connectionId(), key + "%").query(Long.class).single();
    }

    private void writeAndWait(String text, int inbound) {
        phone.write(line.phoneNumberId(), customer, "Rosa Quishpe", text);
        Eventually.await("message " + inbound, () -> jdbc.sql("""
                select count(*) from messages where connection_id = ? and direction = 'IN'""")
                .param(line.connectionId()).query(Long.class).single(), count -> count == inbound);
    }

    @Test
    void outsideTheHoursTheCustomerIsToldOnceAndWithinThemNothing() {
        // a schedule with no open day: always closed
        var closed = admin.put("/api/connections/" + line.connectionId() + "/hours", Map.of("enabled", true,
                "timeZone", "America/Guayaquil", "days", Map.of(), "holidays", List.of("2026-12-25"),
                "outOfHoursMessage", CLOSED));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("hours").get("timeZone").asString()).isEqualTo("America/Guayaquil");
        assertThat(closed.json().get("outOfHoursMessage").asString()).isEqualTo(CLOSED);

        writeAndWait("Hola, ¿están atendiendo?", 1);
        writeAndWait("¿Hola?", 2);
        Eventually.await("the out-of-hours message on the phone", () -> phone.conversation(line.phoneNumberId(), customer),
                messages -> messages.stream().anyMatch(m -> CLOSED.equals(m.text())));
        assertThat(automatic("out_of_hours:")).as("once a day per chat").isEqualTo(1);

        // open every day, all day: nothing more
        var days = new java.util.LinkedHashMap<String, Object>();
        for (var day : java.time.DayOfWeek.values()) {
            days.put(day.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        var open = admin.put("/api/connections/" + line.connectionId() + "/hours", Map.of("enabled", true,
                "timeZone", "UTC", "days", days, "outOfHoursMessage", CLOSED));
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        admin.post("/api/chats/" + chatId() + "/close", Map.of());
        writeAndWait("Vuelvo a escribir", 3);
        assertThat(automatic("out_of_hours:")).isEqualTo(1);
    }

    @Test
    void aScheduleNeedsItsMessageAndValidHours() {
        var noMessage = admin.put("/api/connections/" + line.connectionId() + "/hours", Map.of("enabled", true,
                "timeZone", "UTC", "days", Map.of()));
        assertThat(noMessage.status()).isEqualTo(400);
        assertThat(noMessage.code()).isEqualTo("hours.message_required");
        var badZone = admin.put("/api/connections/" + line.connectionId() + "/hours", Map.of("enabled", true,
                "timeZone", "Mars/Olympus", "days", Map.of(), "outOfHoursMessage", CLOSED));
        assertThat(badZone.code()).isEqualTo("hours.time_zone");
        var backwards = admin.put("/api/connections/" + line.connectionId() + "/hours", Map.of("enabled", true,
                "timeZone", "UTC", "days", Map.of("MONDAY", List.of(Map.of("from", "18:00", "to", "08:00"))),
                "outOfHoursMessage", CLOSED));
        assertThat(backwards.code()).isEqualTo("hours.interval_order");
        assertThat(backwards.json().get("detail").asString()).contains("18:00");
        var removed = admin.put("/api/connections/" + line.connectionId() + "/hours", Map.of("enabled", false));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("hours").isNull()).isTrue();
    }

    private long chatId() {
        return jdbc.sql("select id from chats where connection_id = ?").param(line.connectionId()).query(Long.class).single();
    }
}
