package dev.shiplane.sandbox;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's packages form a graph without cycles: the story runner sits above the parts it plays as AWS
 * ({@code ecsengine}: ECS's deployment engine; {@code iam}: the roles' policies as moto enforces them).
 */
class PackageCyclesTest {

    @Test
    void sandboxPackagesHaveNoCycles() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shiplane.sandbox");
        slices().matching("dev.shiplane.(**)").should().beFreeOfCycles().check(classes);
    }
}
