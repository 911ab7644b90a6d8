package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Whatever refuses a request, Spring or Conversa, the caller gets a problem with a code in their language. */
@IntegrationTest
class ProblemDetailsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    @Test
    void springsOwnRefusalsAreCodedLocalizedProblems() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD)
                .inLanguage("es");

        var badEnum = admin.get("/api/users?role=EMPEROR");
        var badSize = admin.get("/api/audit?size=5000");
        var badBody = admin.send("POST", "/api/departments", "not an object");
        var badMethod = admin.send("DELETE", "/api/users/1", null);

        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.code()).isEqualTo("invalid_request");
        assertThat(badEnum.json().get("detail").asString()).isEqualTo("Algunos campos no son válidos.");
        assertThat(badSize.code()).as(badSize.status() + " " + badSize.body()).isEqualTo("invalid_request");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.code()).isEqualTo("invalid_request");
        assertThat(badMethod.status()).isEqualTo(405);
        assertThat(badMethod.code()).isEqualTo("method_not_allowed");
        assertThat(badMethod.json().get("detail").asString()).isEqualTo("Esta dirección no acepta ese método.");
    }

    @Test
    void aPathEscapingWithDotDotIsRefusedWithoutRevealingInternals() {
        var anonymous = ApiSession.anonymous(port).inLanguage("en");

        var response = anonymous.get("/api/public/../auth/me");

        assertThat(response.status()).isIn(400, 401);
        assertThat(response.body()).doesNotContain("Exception", "at app.conversa");
    }
}
