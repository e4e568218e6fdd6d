package dev.shiplane.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.PromotionCleared;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which stack carries out a promotion: staging (123456789012) promotes into prod (210987654321); qa shares staging's
 * account and promotes from staging too; hotfix is in prod's account and takes pushes directly.
 */
class PromotionRoutingTest {

    static final String STAGING_ACCOUNT = "123456789012";
    static final String PROD_ACCOUNT = "210987654321";
    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig ACCOUNTS = new ShiplaneConfig(List.of(
            env("staging", null, STAGING_ACCOUNT), env("qa", "staging", STAGING_ACCOUNT),
            env("prod", "staging", PROD_ACCOUNT), env("hotfix", null, PROD_ACCOUNT)),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                            List.of("staging", "qa", "prod", "hotfix")),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                            List.of("staging"))));
    static final ShiplaneConfig ONE_ACCOUNT = new ShiplaneConfig(List.of(
            new EnvironmentSpec("staging", "c-staging", ANY), new EnvironmentSpec("prod", "c-prod", ANY, "staging",
                    Duration.ofMinutes(30))),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                            List.of("staging", "prod")),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                            List.of("staging"))));
    static final ServedEnvironments STAGING_STACK = ServedEnvironments.parse("staging,qa");
    static final ServedEnvironments PROD_STACK = ServedEnvironments.parse("prod,hotfix");

    static EnvironmentSpec env(String name, String promoteFrom, String account) {
        return new EnvironmentSpec(name, "c-" + name, ANY, promoteFrom, promoteFrom == null ? null
                : Duration.ofMinutes(30), null, null, null, account);
    }

    static Stream<Arguments> dueRoutes() {
        return Stream.of(
                Arguments.of("one account: the stack serving both promotes as always", ONE_ACCOUNT,
                        ServedEnvironments.all(), "staging", "prod", "web", "here prod/web"),
                Arguments.of("a target in the same account's stack is promoted here", ACCOUNTS, STAGING_STACK,
                        "staging", "qa", "web", "here qa/web"),
                Arguments.of("a target in another account is cleared for that account", ACCOUNTS, STAGING_STACK,
                        "staging", "prod", "web", "other account " + PROD_ACCOUNT),
                Arguments.of("a service not running in the target is not promoted", ACCOUNTS, STAGING_STACK,
                        "staging", "prod", "api", "not here: api does not run in both staging and prod"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dueRoutes")
    void promotionDue_isPromotedHereOrClearedForTheTargetsAccount(String description, ShiplaneConfig config,
                                                                   ServedEnvironments served, String fromEnv,
                                                                   String toEnv, String service, String expected) {
        assertThat(describe(PromotionRouting.onDue(config, served, fromEnv, toEnv, service))).isEqualTo(expected);
    }

    static PromotionCleared cleared(String fromEnv, String toEnv, String service) {
        return new PromotionCleared(fromEnv, toEnv, service, "d-1", "p-1", new ImageRef("ecr", "monynha/web", "1.0.0",
                "sha256:" + "a".repeat(64), "uri", null), Instant.EPOCH, Instant.EPOCH);
    }

    static Stream<Arguments> clearedRoutes() {
        return Stream.of(
                Arguments.of("from the source environment's account into a target served here", ACCOUNTS, PROD_STACK,
                        cleared("staging", "prod", "web"), STAGING_ACCOUNT, "here prod/web"),
                Arguments.of("from any other account it is refused", ACCOUNTS, PROD_STACK,
                        cleared("staging", "prod", "web"), "999999999999", "refused: Promotion Cleared from account"
                                + " 999999999999, but staging is in account " + STAGING_ACCOUNT),
                Arguments.of("from the target's own account it is refused: only the source clears", ACCOUNTS,
                        PROD_STACK, cleared("staging", "prod", "web"), PROD_ACCOUNT, "refused: Promotion Cleared from"
                                + " account " + PROD_ACCOUNT + ", but staging is in account " + STAGING_ACCOUNT),
                Arguments.of("a target served by another stack is not this one's", ACCOUNTS, STAGING_STACK,
                        cleared("staging", "prod", "web"), STAGING_ACCOUNT, "not here: prod is served by another"
                                + " account's delivery stack (this one serves qa, staging)"),
                Arguments.of("a target that does not promote from the sender's environment is refused", ACCOUNTS,
                        PROD_STACK, cleared("staging", "hotfix", "web"), STAGING_ACCOUNT,
                        "refused: hotfix takes promotions from no environment, not staging"),
                Arguments.of("a target promoting from another source is refused", ACCOUNTS, STAGING_STACK,
                        cleared("prod", "qa", "web"), PROD_ACCOUNT, "refused: qa takes promotions from staging, not prod"),
                Arguments.of("a configuration naming no accounts trusts no cleared promotion", ONE_ACCOUNT,
                        ServedEnvironments.all(), cleared("staging", "prod", "web"), STAGING_ACCOUNT,
                        "refused: Promotion Cleared from account " + STAGING_ACCOUNT + ", but staging is in no named"
                                + " account"),
                Arguments.of("a service not running in both is not promoted", ACCOUNTS, PROD_STACK,
                        cleared("staging", "prod", "api"), STAGING_ACCOUNT,
                        "not here: api does not run in both staging and prod"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearedRoutes")
    void promotionCleared_isTrustedOnlyFromTheSourcesAccountIntoAServedTargetThatPromotesFromIt(
            String description, ShiplaneConfig config, ServedEnvironments served, PromotionCleared cleared,
            String sender, String expected) {
        assertThat(describe(PromotionRouting.onCleared(config, served, cleared, sender))).isEqualTo(expected);
    }

    static String describe(PromotionRoute route) {
        return switch (route) {
            case PromotionRoute.Here h -> "here " + h.target().env() + "/" + h.target().serviceName();
            case PromotionRoute.OtherAccount o -> "other account " + o.account();
            case PromotionRoute.NotHere n -> "not here: " + n.why();
            case PromotionRoute.Refused r -> "refused: " + r.why();
        };
    }
}
