package dev.shiplane.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The functions read the time from one clock, the one their handler is constructed with: Lambda's is the machine's
 * ({@code Clock.systemUTC()}, passed by the handler's environment constructor), the sandbox's is its story's
 * ({@link StoryTime}, passed through the {@code (Map, Clock)} constructor). A time read anywhere else
 * ({@code Instant.now()}, another system clock) would put the machine's time into the story's ledger and events, where
 * a lead time would mix the two. The CLI likewise reads its command's clock, which the sandbox sets.
 */
class FunctionClockTest {

    /** Every package the functions' Lambda packages are built from, and the CLI's. */
    private static final String[] FUNCTION_PACKAGES = {"dev.shiplane.core", "dev.shiplane.contract", "dev.shiplane.aws",
            "dev.shiplane.runtime", "dev.shiplane.canary", "dev.shiplane.checks", "dev.shiplane.deploy",
            "dev.shiplane.hooks", "dev.shiplane.notify", "dev.shiplane.rollback", "dev.shiplane.rotate",
            "dev.shiplane.webhook", "dev.shiplane.operator", "dev.shiplane.cli"};

    /** What reads the machine's clock without being handed one. */
    private static final Set<String> SYSTEM_TIME = Set.of("java.time.Instant.now", "java.time.Clock.systemUTC",
            "java.time.Clock.systemDefaultZone", "java.time.LocalDate.now", "java.time.LocalDateTime.now",
            "java.time.LocalTime.now", "java.time.OffsetDateTime.now", "java.time.ZonedDateTime.now",
            "java.lang.System.currentTimeMillis");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(FUNCTION_PACKAGES);

    @Test
    void functionCode_readsTimeOnlyFromItsClock() {
        noClasses().should().callMethodWhere(readsSystemTime().and(DescribedPredicate.not(handsTheClockIn())))
                .orShould().callConstructorWhere(DescribedPredicate.describe("new java.util.Date()",
                        call -> call.getTargetOwner().isEquivalentTo(java.util.Date.class)
                                && call.getTarget().getRawParameterTypes().isEmpty()))
                .because("a function's time comes from the clock its handler is constructed with (the sandbox's is its"
                        + " story's); only the handler's environment constructor hands it the machine's")
                .check(CLASSES);
    }

    @Test
    void everyHandler_canBeConstructedWithItsEnvironmentAndAClock() {
        var handlers = handlers();
        // the packages hold the Lambda handlers of deploy, canary, rollback, checks, notify, rotate, hooks, webhook, operator
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(9);
        for (var handler : handlers) {
            assertThat(handler.tryGetConstructor(Map.class, Clock.class))
                    .as(handler.getName() + "(Map<String, String> env, Clock clock), which the sandbox constructs")
                    .isPresent();
            assertThat(handler.tryGetConstructor(Map.class).or(() -> handler.tryGetConstructor()))
                    .as(handler.getName() + " as Lambda constructs it").isPresent();
        }
    }

    private static java.util.List<JavaClass> handlers() {
        return CLASSES.stream().filter(c -> c.isAssignableTo(RequestStreamHandler.class))
                .filter(c -> !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .filter(c -> c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                .toList();
    }

    private static DescribedPredicate<JavaMethodCall> readsSystemTime() {
        return DescribedPredicate.describe("reads the machine's clock (" + String.join(", ", SYSTEM_TIME) + ")",
                call -> SYSTEM_TIME.contains(call.getTargetOwner().getName() + "." + call.getName()));
    }

    /**
     * The two places the machine's clock is handed in: a handler's environment constructor (Lambda's), and the CLI's
     * entry points, which a caller that has another clock (the sandbox) passes it to instead.
     */
    private static DescribedPredicate<JavaMethodCall> handsTheClockIn() {
        return DescribedPredicate.describe("is a handler's environment constructor or the CLI's entry point", call -> {
            var origin = call.getOrigin();
            var owner = origin.getOwner();
            var isClock = call.getTargetOwner().isEquivalentTo(Clock.class) && call.getName().equals("systemUTC");
            boolean handlerConstructor = origin.isConstructor() && owner.isAssignableTo(RequestStreamHandler.class)
                    && origin.getRawParameterTypes().size() == 1
                    && origin.getRawParameterTypes().getFirst().isEquivalentTo(Map.class);
            boolean cliEntry = owner.getName().equals("dev.shiplane.cli.ShiplaneCli") && origin.getModifiers()
                    .contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC);
            return isClock && (handlerConstructor || cliEntry);
        });
    }
}
