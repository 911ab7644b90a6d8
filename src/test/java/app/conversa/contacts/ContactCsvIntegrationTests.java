package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** CSV export and import: a round trip changes nothing; bad rows are reported and skipped; a preview writes nothing. */
@IntegrationTest
class ContactCsvIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private static String mobile() {
        return "+59399" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static Map<String, Object> contact(String name, String phone, Long clientId) {
        var body = new HashMap<String, Object>();
        body.put("displayName", name);
        body.put("phone", phone);
        body.put("clientId", clientId);
        return body;
    }

    private long snapshot() {
        return jdbc.sql("select coalesce(sum(version), 0) + count(*) from contacts").query(Long.class).single()
                + jdbc.sql("select coalesce(sum(version), 0) + count(*) from clients").query(Long.class).single();
    }

    @Test
    void exportThenImportChangesNothing() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String family = "Zambrano" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        long clientId = admin.post("/api/clients", Map.of("name", "Teresa " + family, "documentId", "09" + family.substring(8),
                "balance", "1250.5", "daysOverdue", 45)).json().get("id").asLong();
        admin.post("/api/contacts", contact("Teresa " + family, mobile(), clientId));
        admin.post("/api/contacts", contact("Hugo " + family, mobile(), clientId));

        byte[] exported = admin.bytes("/api/contacts/export?q=" + family);
        String csv = new String(exported, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFname,phone,email,status,client_name,client_document_id,client_balance");
        assertThat(csv.lines().count()).isEqualTo(3);
        assertThat(csv).contains("Teresa " + family).contains("1250.50").contains(",45");

        long before = snapshot();
        var report = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "contacts.csv", "text/csv", exported);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("unchanged").asLong()).isEqualTo(2);
        assertThat(report.json().get("created").asLong() + report.json().get("updated").asLong()
                + report.json().get("failed").asLong()).isZero();
        assertThat(snapshot()).as("no row written").isEqualTo(before);
        assertThat(admin.get("/api/audit?action=contacts.exported&size=50").json().get("items").size()).isPositive();
    }

    @Test
    void badRowsAreReportedAndSkippedGoodRowsLandAndAPreviewWritesNothing() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String known = mobile();
        long knownId = admin.post("/api/contacts", contact("Nombre viejo", known, null)).json().get("id").asLong();
        String fresh = "099" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String document = "17" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String file = String.join("\r\n",
                "name,phone,email,status,client_name,client_document_id,client_balance,client_currency,client_days_overdue",
                "Nombre nuevo," + known + ",,,,,,,",
                "Rocío Andrade," + fresh + ",rocio@example.com,ACTIVE,Rocío Andrade," + document + ",\"1.234,5\",USD,12",
                "Sin teléfono,12345,,,,,,,",
                "Saldo raro," + mobile() + ",,,Cliente X,,muchos,USD,",
                "Repetido," + fresh + ",,,,,,,",
                ",0991112233,,,,,,,",
                "");
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);

        long before = snapshot();
        var preview = admin.upload("/api/contacts/import", Map.of(), "import.csv", "text/csv", bytes).json();
        assertThat(preview.get("dryRun").asBoolean()).isTrue();
        assertThat(preview.get("created").asLong()).isEqualTo(1);
        assertThat(preview.get("updated").asLong()).isEqualTo(1);
        assertThat(preview.get("failed").asLong()).isEqualTo(4);
        assertThat(snapshot()).as("a preview writes nothing").isEqualTo(before);

        var report = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "import.csv", "text/csv", bytes).json();
        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("updated").asLong()).isEqualTo(1);
        assertThat(report.get("failed").asLong()).isEqualTo(4);
        var failedLines = new java.util.ArrayList<Long>();
        report.get("rows").forEach(row -> {
            if (row.get("outcome").asString().equals("ERROR")) {
                failedLines.add(row.get("line").asLong());
                assertThat(row.get("errors").get(0).asString()).isNotBlank();
            }
        });
        assertThat(failedLines).containsExactly(4L, 5L, 6L, 7L);
        assertThat(report.get("rows").toString()).contains("not a valid phone number").contains("already in an earlier row");

        assertThat(admin.get("/api/contacts/" + knownId).json().get("displayName").asString()).isEqualTo("Nombre nuevo");
        var created = admin.get("/api/clients?q=" + document).json().get("items").get(0);
        assertThat(created.get("balance").get("amount").asString()).isEqualTo("1234.50");
        assertThat(created.get("daysOverdue").asInt()).isEqualTo(12);
        assertThat(created.get("contacts").get(0).get("displayName").asString()).isEqualTo("Rocío Andrade");
        assertThat(jdbc.sql("select count(*) from clients where name = 'Cliente X'").query(Long.class).single())
                .as("the bad row left nothing behind").isZero();

        var again = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "import.csv", "text/csv", bytes).json();
        assertThat(again.get("created").asLong()).as("importing again updates instead of duplicating").isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(2);
    }

    @Test
    void cellsASpreadsheetWouldRunAreExportedQuotedAndImportedBackUnchanged() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String family = "Formula" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        long clientId = admin.post("/api/clients", Map.of("name", "@SUM(A1) " + family, "balance", "-50")).json()
                .get("id").asLong();
        String phone = mobile();
        String attack = "=HYPERLINK(\"http://evil.example\",\"" + family + "\")";
        assertThat(admin.post("/api/contacts", contact(attack, phone, clientId)).status()).isEqualTo(201);
        String quoted = "'Chino' " + family;
        assertThat(admin.post("/api/contacts", contact(quoted, mobile(), null)).status()).isEqualTo(201);
        String quotedFormula = "'=1+1 " + family;
        assertThat(admin.post("/api/contacts", contact(quotedFormula, mobile(), null)).status()).isEqualTo(201);

        byte[] exported = admin.bytes("/api/contacts/export?q=" + family);
        var lines = new String(exported, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"" + family + "\"\")\",'" + phone + ",")
                .contains(",'@SUM(A1) " + family + ",").contains(",'-50.00,"));
        assertThat(lines).as("a quote before a name is the name's own").anySatisfy(line -> assertThat(line).startsWith(quoted + ","));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("'" + quotedFormula + ","));
        assertThat(lines.stream().skip(1)).noneSatisfy(line -> assertThat(line).matches("^\"?[=+\\-@].*"));

        long before = snapshot();
        var report = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "contacts.csv", "text/csv", exported);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("unchanged").asLong()).as(report.body()).isEqualTo(3);
        assertThat(snapshot()).as("no row written").isEqualTo(before);
        var names = admin.get("/api/contacts?q=" + family).json().get("items").valueStream()
                .map(item -> item.get("displayName").asString()).toList();
        assertThat(names).containsExactlyInAnyOrder(attack, quoted, quotedFormula);
    }

    /** (action, details) of every audit entry about one contact or client, oldest first. */
    private java.util.List<String> auditOf(String type, long id) {
        return jdbc.sql("select action, details from audit_log where target_type = ? and target_id = ? order by id")
                .params(type, Long.toString(id)).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
    }

    @Test
    void anImportWritesThroughTheAppsWritePathAndLeavesTheSameAuditEntries() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String header = "name,phone,email,status,client_name,client_document_id,client_balance,client_currency,client_days_overdue";
        String imported = mobile();
        String importedDocument = "17" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        var first = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "a.csv", "text/csv", String.join("\r\n", header,
                "Luz Paredes," + imported + ",,ACTIVE,Luz Paredes," + importedDocument + ",100,USD,5", "")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(first.json().get("created").asLong()).as(first.body()).isEqualTo(1);
        var second = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "b.csv", "text/csv", String.join("\r\n", header,
                "Luz María Paredes," + imported + ",,INACTIVE,," + importedDocument + ",80,USD,5", "")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(second.json().get("updated").asLong()).as(second.body()).isEqualTo(1);
        var importedContact = admin.get("/api/contacts?q=" + imported.substring(1)).json().get("items").get(0);
        long importedId = importedContact.get("id").asLong();
        long importedClient = importedContact.get("clientId").asLong();
        assertThat(importedContact.get("status").asString()).isEqualTo("INACTIVE");

        // the same changes, made in the app
        String typedDocument = "17" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        long typedClient = admin.post("/api/clients", Map.of("name", "Luz Paredes", "documentId", typedDocument, "balance", "100",
                "currency", "USD", "daysOverdue", 5)).json().get("id").asLong();
        String typed = mobile();
        long typedId = admin.post("/api/contacts", contact("Luz Paredes", typed, typedClient)).json().get("id").asLong();
        assertThat(admin.put("/api/contacts/" + typedId, contact("Luz María Paredes", typed, typedClient)).status()).isEqualTo(200);
        assertThat(admin.post("/api/contacts/" + typedId + "/inactivate", Map.of()).status()).isEqualTo(200);
        assertThat(admin.put("/api/clients/" + typedClient, Map.of("name", "Luz Paredes", "documentId", typedDocument,
                "balance", "80", "currency", "USD", "daysOverdue", 5)).status()).isEqualTo(200);

        assertThat(auditOf("contact", importedId)).containsExactly(
                "contact.created {\"reviewed\":true}", "contact.updated {\"fields\":[\"displayName\"]}", "contact.inactivated {}");
        assertThat(auditOf("contact", importedId)).isEqualTo(auditOf("contact", typedId));
        assertThat(auditOf("client", importedClient)).containsExactly("client.created {}",
                "client.sensitive_changed {\"fields\":[\"documentId\",\"balance\",\"currency\",\"daysOverdue\"]}",
                "client.sensitive_changed {\"fields\":[\"balance\"]}");
        assertThat(auditOf("client", importedClient)).isEqualTo(auditOf("client", typedClient));
    }

    @Test
    void anImportNeedsTheSameRightAsTheAppToChangeSensitiveFields() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        long department = accounts.department();
        var supervisor = ApiSession.signedIn(port, accounts.create(Role.SUPERVISOR, department).login(), TestAccounts.PASSWORD);
        String phone = mobile();
        long clientId = supervisor.post("/api/clients", Map.of("name", "Pablo Mera", "balance", "300")).json().get("id").asLong();
        assertThat(supervisor.post("/api/contacts", contact("Pablo Mera", phone, clientId)).status()).isEqualTo(201);

        var permissions = new java.util.ArrayList<String>();
        admin.get("/api/roles").json().get("roles").forEach(role -> {
            if (role.get("role").asString().equals("SUPERVISOR")) {
                role.get("permissions").forEach(permission -> permissions.add(permission.asString()));
            }
        });
        var without = new java.util.ArrayList<>(permissions);
        without.remove("contacts.edit_sensitive");
        assertThat(admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", without)).status()).isEqualTo(200);
        try {
            long before = snapshot();
            var report = supervisor.upload("/api/contacts/import?dryRun=false", Map.of(), "c.csv", "text/csv", String.join("\r\n",
                    "name,phone,client_balance", "Pablo Mera," + phone + ",0", "").getBytes(StandardCharsets.UTF_8));
            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.json().get("failed").asLong()).as(report.body()).isEqualTo(1);
            assertThat(report.json().get("rows").get(0).get("errors").get(0).asString()).as(report.body())
                    .isEqualTo("Your role may not change a client's document id, balance or days overdue.");
            assertThat(snapshot()).as("nothing written").isEqualTo(before);
        } finally {
            admin.put("/api/roles/SUPERVISOR/permissions", Map.of("permissions", permissions));
        }
        var allowed = supervisor.upload("/api/contacts/import?dryRun=false", Map.of(), "c.csv", "text/csv", String.join("\r\n",
                "name,phone,client_balance", "Pablo Mera," + phone + ",0", "").getBytes(StandardCharsets.UTF_8));
        assertThat(allowed.json().get("updated").asLong()).as("a balance alone updates the contact's client: " + allowed.body())
                .isEqualTo(1);
        assertThat(supervisor.get("/api/clients/" + clientId).json().get("balance").get("amount").asString()).isEqualTo("0.00");
    }
}
