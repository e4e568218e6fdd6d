package dev.shiplane.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A function's served environments fail closed where the configuration names accounts, and stay open where not. */
class ServedEnvironmentsSettingTest {

    static final String VARIABLE = "SHIPLANE_SERVED_ENVIRONMENTS";
    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);

    static ShiplaneConfig config(String stagingAccount, String qaAccount, String prodAccount) {
        return new ShiplaneConfig(List.of(
                new EnvironmentSpec("staging", "c-staging", ANY, null, null, null, null, null, stagingAccount),
                new EnvironmentSpec("qa", "c-qa", ANY, null, null, null, null, null, qaAccount),
                new EnvironmentSpec("prod", "c-prod", ANY, null, null, null, null, null, prodAccount)),
                List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                        List.of("staging", "qa", "prod"))),
                RotationSpec.none());
    }

    static final ShiplaneConfig ONE_ACCOUNT = config(null, null, null);
    static final ShiplaneConfig TWO_ACCOUNTS = config("123456789012", "123456789012", "210987654321");

    static Stream<Arguments> settings() {
        var notSet = VARIABLE + " is not set: shiplane.yml names each environment's account (staging in 123456789012,"
                + " qa in 123456789012, prod in 210987654321), so each account's delivery stack tells its functions"
                + " the environments it serves; without it this function would act for every environment from one"
                + " account";
        return Stream.of(
                Arguments.of("one account, no setting: the one stack serves every environment", ONE_ACCOUNT, null,
                        new ServedEnvironmentsSetting.Serves(ServedEnvironments.all(), null)),
                Arguments.of("one account, a blank setting is no setting", ONE_ACCOUNT, " ",
                        new ServedEnvironmentsSetting.Serves(ServedEnvironments.all(), null)),
                Arguments.of("one account, a stack narrowed to staging serves staging", ONE_ACCOUNT, "staging",
                        new ServedEnvironmentsSetting.Serves(new ServedEnvironments(Set.of("staging")), null)),
                Arguments.of("accounts named, no setting: a broken deployment, never every environment",
                        TWO_ACCOUNTS, null, new ServedEnvironmentsSetting.Broken(notSet)),
                Arguments.of("accounts named, a blank setting is no setting", TWO_ACCOUNTS, "  ",
                        new ServedEnvironmentsSetting.Broken(notSet)),
                Arguments.of("accounts named, a setting of commas names nothing", TWO_ACCOUNTS, " , ",
                        new ServedEnvironmentsSetting.Broken(notSet)),
                Arguments.of("accounts named, prod's stack serves prod, in prod's account", TWO_ACCOUNTS, "prod",
                        new ServedEnvironmentsSetting.Serves(new ServedEnvironments(Set.of("prod")),
                                "210987654321")),
                Arguments.of("accounts named, the primary stack serves both environments of its account",
                        TWO_ACCOUNTS, "staging, qa", new ServedEnvironmentsSetting.Serves(
                                new ServedEnvironments(Set.of("staging", "qa")), "123456789012")),
                Arguments.of("accounts named, environments of two accounts in one stack: broken", TWO_ACCOUNTS,
                        "staging,prod", new ServedEnvironmentsSetting.Broken(VARIABLE + " names environments of"
                                + " several accounts (staging in 123456789012, prod in 210987654321): a delivery stack"
                                + " serves the environments of its own account only")),
                Arguments.of("an environment the file does not declare: broken, with or without accounts",
                        ONE_ACCOUNT, "staging,production,dev", new ServedEnvironmentsSetting.Broken(VARIABLE
                                + " names dev, production, which shiplane.yml does not declare (it declares staging,"
                                + " qa, prod)")),
                Arguments.of("accounts named, an undeclared environment is named before accounts are compared",
                        TWO_ACCOUNTS, "prod,production", new ServedEnvironmentsSetting.Broken(VARIABLE
                                + " names production, which shiplane.yml does not declare (it declares staging, qa,"
                                + " prod)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void theSettingIsReadAgainstTheBundledConfiguration(String description, ShiplaneConfig config, String value,
                                                       ServedEnvironmentsSetting expected) {
        assertThat(ServedEnvironmentsSetting.read(config, VARIABLE, value)).isEqualTo(expected);
    }
}
