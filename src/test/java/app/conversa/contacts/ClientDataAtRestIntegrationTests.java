package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client's document id and balance never reach the database in clear, whichever way they come
 * in: the web app's calls, an API token, a CSV import; created, changed and searched for. The
 * whole database is read back (every column of every table, text and bytes) looking for them.
 */
@IntegrationTest
class ClientDataAtRestIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    DataSource dataSource;

    private static String canary() {
        return "CNRY" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    }

    private static String mobile() {
        return "+59398" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static Map<String, Object> client(String name, String document, String balance) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("documentId", document);
        body.put("balance", balance);
        body.put("daysOverdue", 30);
        return body;
    }

    @Test
    void documentIdsAndBalancesWrittenThroughEveryPathAreNowhereInClear() throws Exception {
        var canaries = new ArrayList<String>();
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);

        // the web app: create, change, search
        String uiFirst = canary();
        String uiSecond = canary();
        String uiBalance = "73519.27";
        canaries.addAll(List.of(uiFirst, uiSecond, uiBalance, "73519.2"));
        var created = admin.post("/api/clients", client("Lucía Canario", uiFirst, "61842.13"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long uiClient = created.json().get("id").asLong();
        canaries.add("61842.13");
        var updated = admin.put("/api/clients/" + uiClient, client("Lucía Canario", uiSecond, uiBalance));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(admin.get("/api/clients?q=" + uiSecond).json().get("items").get(0).get("id").asLong()).isEqualTo(uiClient);

        // another system with an API token
        String tokenFirst = canary();
        String tokenSecond = canary();
        canaries.addAll(List.of(tokenFirst, tokenSecond, "48213.77", "52977.31"));
        String secret = admin.post("/api/tokens", Map.of("name", "ERP canario",
                "permissions", List.of("contacts.view.all", "contacts.manage", "contacts.edit_sensitive")))
                .json().get("secret").asString();
        var erp = ApiSession.bearer(port, secret);
        var fromErp = erp.post("/api/clients", client("Mateo Canario", tokenFirst, "48213.77"));
        assertThat(fromErp.status()).as(fromErp.body()).isEqualTo(201);
        assertThat(erp.put("/api/clients/" + fromErp.json().get("id").asLong(),
                client("Mateo Canario", tokenSecond, "52977.31")).status()).isEqualTo(200);

        // a CSV import: a new client, then a document id and balance given to an existing one
        String importedNew = canary();
        String importedLater = canary();
        canaries.addAll(List.of(importedNew, importedLater, "39124.58", "27719.46"));
        String phone = mobile();
        String header = "name,phone,email,status,client_name,client_document_id,client_balance,client_currency,client_days_overdue";
        importCsv(admin, header + "\r\nAna Canario," + mobile() + ",,,Ana Canario," + importedNew + ",39124.58,USD,10\r\n"
                + "Rosa Canario," + phone + ",,,Rosa Canario,,,,\r\n");
        importCsv(admin, header + "\r\nRosa Canario," + phone + ",,,Rosa Canario," + importedLater + ",27719.46,USD,20\r\n");
        assertThat(admin.get("/api/clients?q=" + importedLater).json().get("items").get(0).get("balance").get("amount")
                .asString()).isEqualTo("27719.46");

        assertThat(cellsContainingAnyOf(canaries)).as("cells holding a document id or balance in clear").isEmpty();

        // the audit still says what happened, without the values
        var audit = admin.get("/api/audit?action=client.sensitive_changed&size=10").json().get("items");
        assertThat(audit.get(0).get("details").get("fields").toString()).contains("documentId").contains("balance");
    }

    private static void importCsv(ApiSession session, String csv) {
        var report = session.upload("/api/contacts/import?dryRun=false", Map.of(), "clients.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("failed").asLong()).as(report.body()).isZero();
    }

    /** "table.column" of every cell, in every table of the schema, whose text or bytes contain a canary. */
    private List<String> cellsContainingAnyOf(List<String> canaries) throws Exception {
        var found = new ArrayList<String>();
        try (var connection = dataSource.getConnection()) {
            var tables = new ArrayList<String>();
            try (var rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("the scan reads the application's tables").contains("clients", "audit_log");
            for (String table : tables) {
                try (var statement = connection.createStatement();
                        var rs = statement.executeQuery("select * from \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String text = text(rs.getObject(i));
                            if (text != null && canaries.stream().anyMatch(text::contains)) {
                                found.add(table + "." + rs.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String text(Object value) throws Exception {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> new String(bytes, StandardCharsets.ISO_8859_1);
            case Blob blob -> new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.ISO_8859_1);
            case Clob clob -> clob.getSubString(1, (int) clob.length());
            default -> value.toString();
        };
    }
}
