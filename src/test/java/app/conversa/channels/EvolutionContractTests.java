package app.conversa.channels;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.sandbox.SandboxFaults;
import app.conversa.sandbox.SandboxPhone;
import app.conversa.sandbox.evolution.SandboxGateway;
import app.conversa.sandbox.evolution.SandboxGatewayChats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;

/** The channel contract on a QR-linked number: the Evolution API gateway's endpoints out, its webhooks in. */
@IntegrationTest
class EvolutionContractTests extends ChannelContract {

    @Autowired
    SandboxGateway gateway;
    @Autowired
    SandboxGatewayChats phones;
    @Autowired
    SandboxFaults faults;
    private String instance;

    @Override
    protected long link() {
        var configured = admin.put("/api/connections/gateway", Map.of("baseUrl", "http://127.0.0.1:" + port
                + "/sandbox/evolution", "apiKey", "sandbox-evolution-key", "callbackBaseUrl", "http://127.0.0.1:" + port));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        var created = admin.post("/api/connections/gateway-numbers", Map.of("name", "Contrato QR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        instance = created.json().get("instanceName").asString();
        gateway.scan(instance, "5939" + (70_000_000 + ThreadLocalRandom.current().nextInt(9_999_999)), "Contrato");
        Eventually.await("linked", () -> jdbcState(id), "CONNECTED"::equals, Duration.ofSeconds(20));
        return id;
    }

    private String jdbcState(long id) {
        for (var connection : admin.get("/api/connections").json()) {
            if (connection.get("id").asLong() == id) {
                return connection.get("link").get("state").asString();
            }
        }
        return null;
    }

    private SandboxGateway.Customer as(String name) {
        return SandboxGateway.Customer.of(customer, name);
    }

    @Override
    protected void customerWrites(String name, String text) {
        phones.write(instance, as(name), text);
    }

    @Override
    protected void customerSends(String name, byte[] content, String mimeType, String filename, String caption) {
        phones.send(instance, as(name), content, mimeType, filename, false, caption);
    }

    @Override
    protected List<SandboxPhone.PhoneMessage> customerSees() {
        return phones.conversation(instance, customer);
    }

    @Override
    protected void providerFailsForAWhile() {
        gateway.silent(true); // answers 503 to every call
    }

    @Override
    protected void providerRecovers() {
        gateway.silent(false);
    }

    @Override
    protected void providerHangsThenAccepts(Duration pause) {
        faults.inject(instance, new SandboxFaults.Slow(pause));
    }
}
