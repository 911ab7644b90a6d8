package app.conversa.channels;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Channels by provider (issue 13): the neutral code and {@code spi} never reach into a provider's
 * folder, the provider folders never into each other, and nothing outside a provider's folder tells
 * providers apart, in Java or in SQL, but the adapter registry ({@link Providers}, which names
 * none) and the provider enum itself.
 */
class ProviderFoldersTests {

    private static final Pattern PROVIDER_IN_SQL = Pattern.compile("provider\\s*(=|<>|!=|in)\\s*\\(?\\s*'",
            Pattern.CASE_INSENSITIVE);

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("app.conversa");

    @Test
    void dependenciesPointFromTheProviderFoldersToTheNeutralApiNeverBack() {
        noClasses().that().resideInAnyPackage("app.conversa.channels", "app.conversa.channels.spi")
                .should().dependOnClassesThat().resideInAnyPackage("app.conversa.channels.cloudapi..",
                        "app.conversa.channels.evolution..")
                .check(MAIN);
        noClasses().that().resideInAPackage("app.conversa.channels.cloudapi..")
                .should().dependOnClassesThat().resideInAPackage("app.conversa.channels.evolution..").check(MAIN);
        noClasses().that().resideInAPackage("app.conversa.channels.evolution..")
                .should().dependOnClassesThat().resideInAPackage("app.conversa.channels.cloudapi..").check(MAIN);
    }

    @Test
    void noCodeOutsideAProvidersFolderComparesProviders() {
        noClasses().that().resideOutsideOfPackages("app.conversa.channels.cloudapi..", "app.conversa.channels.evolution..",
                        "app.conversa.sandbox..")
                .and().doNotHaveFullyQualifiedName(Provider.class.getName())
                .and().doNotHaveFullyQualifiedName(Connection.class.getName()) // its two factories set the provider
                .should().accessField(Provider.class, Provider.CLOUD_API.name())
                .orShould().accessField(Provider.class, Provider.EVOLUTION_API.name())
                .check(MAIN);
    }

    @Test
    void noSqlOutsideAProvidersFolderComparesProviders() throws IOException {
        var root = Path.of("src/main/java/app/conversa");
        try (Stream<Path> files = Files.walk(root)) {
            var offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(root.resolve("channels/cloudapi"))
                            && !file.startsWith(root.resolve("channels/evolution")) && !file.startsWith(root.resolve("sandbox")))
                    .filter(file -> {
                        try {
                            return PROVIDER_IN_SQL.matcher(Files.readString(file)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void theSqlCheckFindsAProviderComparison() {
        assertThat(PROVIDER_IN_SQL.matcher("where c.provider = 'EVOLUTION_API' and").find()).isTrue();
        assertThat(PROVIDER_IN_SQL.matcher("select c.provider from connections c").find()).isFalse();
    }
}
