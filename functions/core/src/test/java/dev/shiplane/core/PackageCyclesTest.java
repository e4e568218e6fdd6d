package dev.shiplane.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain's packages form a graph without cycles, so each feature can be read from its package down: vocabulary
 * (image, events, policy, freeze, gate, config), the recorded state (canary's step machine, ledger), then the use
 * cases (rollout, ecsengine, deploy, rollback, settings, webhook, healthcheck, notify, rotation, dora).
 */
class PackageCyclesTest {

    @Test
    void corePackagesHaveNoCycles() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shiplane.core");
        slices().matching("dev.shiplane.(**)").should().beFreeOfCycles().check(classes);
    }
}
