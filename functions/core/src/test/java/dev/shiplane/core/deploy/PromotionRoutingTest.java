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

    /** When the target reads a clearance in these rows: a second after a clearance made at {@link Instant#EPOCH}. */
    static final Instant NOW = Instant.EPOCH.plusSeconds(1);

    static PromotionCleared cleared(String fromEnv, String toEnv, String service) {
        return clearedAt(fromEnv, toEnv, service, Instant.EPOCH);
    }

    static PromotionCleared clearedAt(String fromEnv, String toEnv, String service, Instant at) {
        return new PromotionCleared(fromEnv, toEnv, service, "d-1", "p-1", new ImageRef("ecr", "monynha/web", "1.0.0",
                "sha256:" + "a".repeat(64), "uri", null), Instant.EPOCH, at);
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
                        "not here: api does not run in both staging and prod"),
                Arguments.of("a clearance an hour old (less a second) is still acted on", ACCOUNTS, PROD_STACK,
                        clearedAt("staging", "prod", "web", NOW.minus(PromotionRouting.CLEARANCE_FRESH_FOR)
                                .plusSeconds(1)), STAGING_ACCOUNT, "here prod/web"),
                Arguments.of("a clearance older than an hour (retried, redriven) is stale: announced, not deployed",
                        ACCOUNTS, PROD_STACK, clearedAt("staging", "prod", "web",
                                NOW.minus(PromotionRouting.CLEARANCE_FRESH_FOR).minusSeconds(1)), STAGING_ACCOUNT,
                        "stale: staging cleared it at 1969-12-31T23:00:00Z, more than 60 minutes ago: its checks no"
                                + " longer hold for now"),
                Arguments.of("a clearance within the clocks' skew is acted on", ACCOUNTS, PROD_STACK,
                        clearedAt("staging", "prod", "web", NOW.plusSeconds(60)), STAGING_ACCOUNT, "here prod/web"),
                Arguments.of("a clearance from further in the future is refused", ACCOUNTS, PROD_STACK,
                        clearedAt("staging", "prod", "web", NOW.plusSeconds(62)), STAGING_ACCOUNT,
                        "refused: Promotion Cleared at 1970-01-01T00:01:03Z, after now (1970-01-01T00:00:01Z)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clearedRoutes")
    void promotionCleared_isTrustedOnlyFromTheSourcesAccountIntoAServedTargetThatPromotesFromIt(
            String description, ShiplaneConfig config, ServedEnvironments served, PromotionCleared cleared,
            String sender, String expected) {
        assertThat(describe(PromotionRouting.onCleared(config, served, cleared, sender, NOW))).isEqualTo(expected);
    }

    static String describe(PromotionRoute route) {
        return switch (route) {
            case PromotionRoute.Here h -> "here " + h.target().env() + "/" + h.target().serviceName();
            case PromotionRoute.OtherAccount o -> "other account " + o.account();
            case PromotionRoute.NotHere n -> "not here: " + n.why();
            case PromotionRoute.Refused r -> "refused: " + r.why();
            case PromotionRoute.Stale s -> "stale: " + s.why();
        };
    }
}
