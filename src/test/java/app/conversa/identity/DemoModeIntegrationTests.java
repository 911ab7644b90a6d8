package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "conversa.demo.enabled=true")
class DemoModeIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theSignInPageLearnsItIsADemoAndEveryPublishedAccountSignsIn() {
        var info = ApiSession.anonymous(port).get("/api/public/info").json();

        assertThat(info.get("demo").asBoolean()).isTrue();
        assertThat(info.get("demoAccounts").findValuesAsString("role"))
                .containsExactly("ADMINISTRATOR", "SUPERVISOR", "AGENT", "AGENT");
        for (var account : info.get("demoAccounts")) {
            var me = ApiSession.signedIn(port, account.get("login").asString(), account.get("password").asString())
                    .get("/api/auth/me").json();
            assertThat(me.get("role").asString()).isEqualTo(account.get("role").asString());
            assertThat(me.get("mustChangePassword").asBoolean()).isFalse();
        }
    }

    @Test
    void theDemoSupervisorOverseesTheCollectionsDepartment() {
        var supervisor = ApiSession.signedIn(port, "supervisor", "conversa-demo");

        assertThat(supervisor.get("/api/departments").json().findValuesAsString("name")).containsExactly("Cobranzas");
        assertThat(supervisor.get("/api/users").json().findValuesAsString("login")).containsExactly("agent");
    }

    @Test
    void theDemoShowsTheOfficialNumberAndTwoQrNumbersOneLinkedOneWaitingForItsScan() {
        var admin = ApiSession.signedIn(port, "admin", "conversa-demo");
        var states = new java.util.TreeMap<String, String>();
        app.conversa.Eventually.await("the QR numbers", () -> admin.get("/api/connections").json(), connections -> {
            states.clear();
            connections.forEach(c -> states.put(c.get("name").asString(), c.get("provider").asString()
                    + (c.get("link").isNull() ? "" : " " + c.get("link").get("state").asString())));
            return "EVOLUTION_API CONNECTED".equals(states.get("Número 2 (QR, sandbox)"));
        });
        assertThat(states).containsEntry("Conversa Demo (sandbox)", "CLOUD_API")
                .containsEntry("Número 2 (QR, sandbox)", "EVOLUTION_API CONNECTED")
                .containsEntry("Número 3 (QR, sandbox)", "EVOLUTION_API QR_PENDING");
    }
}
