package app.conversa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ConversaApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagrams() {
        var folder = Path.of("target", "spring-modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();

        assertThat(folder.resolve("components.puml")).content()
                .contains("Rel(ConversaApplication.ConversaApplication.Identity, ConversaApplication.ConversaApplication.Audit")
                .doesNotContain("Rel(ConversaApplication.ConversaApplication.Audit, ConversaApplication.ConversaApplication.Identity");
        assertThat(folder.resolve("module-identity.puml")).exists();
    }
}
