package app.conversa.shared;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.IntegrationTest;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web app's TypeScript types are generated (npm run gen:api, part of its build) from
 * web/openapi.json. This test fails when that file no longer matches what the backend serves, so
 * the two cannot drift. To update it: {@code ./mvnw test -Dtest=OpenApiDescriptionTests
 * -Dconversa.openapi.write=true}, then build again.
 */
@IntegrationTest
class OpenApiDescriptionTests {

    private static final Path COMMITTED = Path.of("web", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    @Test
    void theWebAppIsBuiltAgainstTheApiTheBackendServes() throws IOException {
        var served = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD).get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        String current = JSON.writeValueAsString(JSON.readTree(served.body())) + "\n";

        if (Boolean.getBoolean("conversa.openapi.write")) {
            Files.writeString(COMMITTED, current);
        }

        assertThat(Files.readString(COMMITTED))
                .as("web/openapi.json is out of date: run ./mvnw test -Dtest=OpenApiDescriptionTests "
                        + "-Dconversa.openapi.write=true and rebuild the web app")
                .isEqualTo(current);
    }
}
