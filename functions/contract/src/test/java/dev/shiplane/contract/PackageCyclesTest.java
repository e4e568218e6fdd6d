package dev.shiplane.contract;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The contract's packages (config, inbound and outbound events, ledger JSON, rotation, GitHub payloads) form a graph
 * without cycles: the shared pieces (like {@code MalformedEventException}) live in the root package.
 */
class PackageCyclesTest {

    @Test
    void contractPackagesHaveNoCycles() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shiplane.contract");
        slices().matching("dev.shiplane.(**)").should().beFreeOfCycles().check(classes);
    }
}
