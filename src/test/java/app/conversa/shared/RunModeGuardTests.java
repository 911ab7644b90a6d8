package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.conversa.ConversaApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Conversa starts for real here, and must refuse before it connects to anything. */
class RunModeGuardTests {

    @Test
    void productionRefusesToStartWithoutItsDatabaseSecrets() {
        assertThatThrownBy(() -> start("prod", "--conversa.test.isolated-database=false"))
                .hasMessageContaining("Conversa refuses to start")
                .hasMessageContaining("CONVERSA_DB_URL is not set")
                .hasMessageContaining("CONVERSA_DB_PASSWORD is not set");
    }

    @Test
    void productionRefusesToStartWithoutItsEncryptionKey() {
        assertThatThrownBy(() -> start("prod", "--conversa.test.isolated-database=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/conversa", "--spring.datasource.username=conversa",
                "--spring.datasource.password=from-the-environment", "--conversa.encryption.key="))
                .hasMessageContaining("CONVERSA_ENCRYPTION_KEY is not set")
                .hasMessageNotContaining("CONVERSA_DB");
    }

    @Test
    void productionRefusesDemoMode() {
        assertThatThrownBy(() -> start("prod", "--conversa.test.isolated-database=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/conversa", "--spring.datasource.username=conversa",
                "--spring.datasource.password=from-the-environment", "--conversa.demo.enabled=true"))
                .hasMessageContaining("demo mode is on");
    }

    @Test
    void productionRefusesTheEmbeddedDatabase() {
        assertThatThrownBy(() -> start("prod", "--conversa.test.isolated-database=false",
                "--spring.datasource.url=jdbc:h2:mem:prod", "--spring.datasource.username=sa",
                "--spring.datasource.password=from-the-environment"))
                .hasMessageContaining("embedded H2 database is for demo and tests");
    }

    @Test
    void demoModeRefusesARealDatabaseWithoutPrintingItsPassword() {
        assertThatThrownBy(() -> start("default", "--conversa.test.isolated-database=false", "--conversa.demo.enabled=true",
                "--spring.datasource.url=jdbc:postgresql://db.internal:5432/conversa?user=app&password=s3cr3t"))
                .hasMessageContaining("demo mode refuses to run against jdbc:postgresql://db.internal:5432/conversa")
                .hasMessageNotContaining("s3cr3t");
    }

    private static void start(String profile, String... args) {
        new SpringApplicationBuilder(ConversaApplication.class).profiles(profile).web(WebApplicationType.NONE)
                .run(args).close();
    }
}
