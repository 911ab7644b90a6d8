package app.conversa.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Typed custom client fields: defined by administrators, checked on every write, carried by CSV. */
@IntegrationTest
class ClientAttributesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    private static Map<String, Object> attribute(String key, String label, String type, List<String> options) {
        var body = new HashMap<String, Object>();
        body.put("key", key);
        body.put("label", label);
        body.put("type", type);
        body.put("options", options);
        return body;
    }

    private static Map<String, Object> client(String name, Map<String, String> attributes) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("attributes", attributes);
        return body;
    }

    @Test
    void typedFieldsAreCheckedStoredCanonicallyAndTravelThroughCsv() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD);
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        String loan = "loan_" + suffix;
        String due = "due_" + suffix;
        String product = "product_" + suffix;
        String installment = "installment_" + suffix;
        assertThat(admin.post("/api/client-attributes", attribute(loan, "Préstamo", "TEXT", null)).status()).isEqualTo(201);
        assertThat(admin.post("/api/client-attributes", attribute(due, "Vencimiento", "DATE", null)).status()).isEqualTo(201);
        assertThat(admin.post("/api/client-attributes", attribute(product, "Producto", "LIST", List.of("Tarjeta", "Préstamo")))
                .status()).isEqualTo(201);
        var money = admin.post("/api/client-attributes", attribute(installment, "Cuota", "MONEY", null));
        assertThat(money.status()).isEqualTo(201);
        assertThat(admin.post("/api/client-attributes", attribute(loan, "Otra", "TEXT", null)).code()).isEqualTo("attribute.key_taken");
        assertThat(admin.post("/api/client-attributes", attribute("empty_" + suffix, "Vacía", "LIST", List.of())).code())
                .isEqualTo("attribute.options_required");

        var created = admin.post("/api/clients", client("Ramiro Pozo " + suffix, Map.of(loan, "PR-2026-0042", due, "2026-12-31",
                product, "Préstamo", installment, "45,5")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var values = created.json().get("attributes");
        assertThat(values.get(installment).asString()).isEqualTo("45.50");
        assertThat(values.get(due).asString()).isEqualTo("2026-12-31");
        long clientId = created.json().get("id").asLong();

        assertThat(admin.post("/api/clients", client("X", Map.of(due, "31/12/2026"))).code()).isEqualTo("attribute.bad_value");
        assertThat(admin.post("/api/clients", client("X", Map.of(product, "Hipoteca"))).code()).isEqualTo("attribute.not_an_option");
        assertThat(admin.post("/api/clients", client("X", Map.of("nope_" + suffix, "1"))).code()).isEqualTo("attribute.unknown");

        var kept = admin.put("/api/clients/" + clientId, Map.of("name", "Ramiro Pozo " + suffix)).json().get("attributes");
        assertThat(kept.get(loan).asString()).as("no attributes sent: kept").isEqualTo("PR-2026-0042");
        var removed = admin.put("/api/clients/" + clientId, client("Ramiro Pozo " + suffix, Map.of(loan, ""))).json().get("attributes");
        assertThat(removed.has(loan)).as("a blank value removes it").isFalse();
        assertThat(removed.get(product).asString()).isEqualTo("Préstamo");

        // CSV: the fields are attr_<key> columns, checked like the API
        String phone = "+59399" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String file = "name,phone,client_name,attr_" + product + ",attr_" + installment + "\n"
                + "Ramiro Pozo," + phone + ",Ramiro Pozo " + suffix + " hijo,Tarjeta,12.3\n"
                + "Otro," + "+59399" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999) + ",Otro,Hipoteca,\n";
        var report = admin.upload("/api/contacts/import?dryRun=false", Map.of(), "f.csv", "text/csv",
                file.getBytes(StandardCharsets.UTF_8)).json();
        assertThat(report.get("created").asLong()).isEqualTo(1);
        assertThat(report.get("failed").asLong()).isEqualTo(1);
        assertThat(report.get("rows").toString()).contains("must be one of");
        var imported = admin.get("/api/clients?q=" + phone.substring(6)).json().get("items").get(0).get("attributes");
        assertThat(imported.get(product).asString()).isEqualTo("Tarjeta");
        assertThat(imported.get(installment).asString()).isEqualTo("12.30");
        String exported = new String(admin.bytes("/api/contacts/export?q=" + phone.substring(6)), StandardCharsets.UTF_8);
        assertThat(exported.lines().findFirst().orElseThrow()).contains("attr_" + product);
        assertThat(exported).contains("Tarjeta").contains("12.30");
    }
}
