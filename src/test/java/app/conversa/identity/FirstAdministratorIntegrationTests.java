package app.conversa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.conversa.ApiSession;
import java.util.Map;
import java.util.regex.Pattern;
import app.conversa.ConversaApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Outside demo mode an empty database gets one administrator, whose one-time password is printed
 * once; a configured password that breaks the policy stops start-up with a readable reason.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "conversa.bootstrap-admin.login=Owner")
class FirstAdministratorIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theOneTimePasswordFromTheLogSignsInOnceAndMustBeReplaced(CapturedOutput output) {
        var printed = Pattern.compile("login: owner\\s+one-time password: (\\S+)").matcher(output.getAll());
        assertThat(printed.find()).as("the one-time password is printed").isTrue();
        String oneTime = printed.group(1);

        var session = ApiSession.signedIn(port, "owner", oneTime);
        assertThat(session.get("/api/auth/me").json().get("mustChangePassword").asBoolean()).isTrue();
        assertThat(session.get("/api/users").code()).isEqualTo("password_change_required");
        assertThat(session.put("/api/account/password",
                Map.of("currentPassword", oneTime, "newPassword", "a-new-secret-42")).status()).isEqualTo(204);

        var owner = ApiSession.signedIn(port, "owner", "a-new-secret-42");
        assertThat(owner.get("/api/users").status()).isEqualTo(200);
        assertThat(ApiSession.anonymous(port).login("owner", oneTime).status()).isEqualTo(401);
    }

    @Test
    void aConfiguredPasswordThatBreaksThePolicyStopsStartUpWithOneReadableReason(CapturedOutput output) {
        var application = new SpringApplicationBuilder(ConversaApplication.class)
                .properties("server.port=0", "conversa.bootstrap-admin.password=short");

        assertThatThrownBy(application::run).isInstanceOf(AdminPasswordRefused.class);

        String printed = output.getAll().substring(output.getAll().lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(printed).contains("CONVERSA_ADMIN_PASSWORD is refused: The password must have at least 10 characters.")
                .as("no stack trace").doesNotContain("\tat ").doesNotContain(AdminPasswordRefused.class.getName());
    }
}
