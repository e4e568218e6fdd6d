package dev.shiplane.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.policy.SemverRange;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookTriageTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:10:05Z");
    static final Instant PUBLISHED_AT = Instant.parse("2026-11-26T10:10:00Z");
    static final String DELIVERY = "9b7f3c2e-cb11-11f0-8a6e-7c1e52b0a001";
    static final String DIGEST = "sha256:" + "4e".repeat(32);
    static final WebhookLimits LIMITS = new WebhookLimits(1024 * 1024, Duration.ofDays(30));

    static final PackageEvent WEB = new PackageEvent("published", "CONTAINER", "monynha", "monynha/web", "1.6.0",
            DIGEST, PUBLISHED_AT);
    static final long VERSION_ID = 612345678L;

    /** As in the repository's shiplane.yml: staging takes pushes of web (pre-releases too), prod promotions. */
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging",
                            new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=0.1.0"), true), false, false)),
                    new EnvironmentSpec("prod", "monynha-prod",
                            new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=1.0.0"), false), false, false),
                            "staging", Duration.ofMinutes(30))),
            List.of(new ServiceSpec("web", List.of("monynha/web", "ghcr.io/monynha/monynha/web"), "web", "web",
                    Strategy.ROLLING, List.of(), List.of("staging", "prod"))));

    /** WEB as GitHub delivers it: with its package version id, tagged {@code tag} (null: untagged). */
    static PackageEvent versioned(String tag, boolean organization) {
        return new PackageEvent("published", "CONTAINER", "monynha", "monynha/web", tag, DIGEST, PUBLISHED_AT,
                VERSION_ID, organization);
    }

    static WebhookFacts asked(String tag, TagLookup lookup) {
        return signed(versioned(tag, true)).withVersionTags(lookup);
    }

    /** A signed, readable registry_package delivery of WEB that has not been claimed yet. */
    static WebhookFacts signed(PackageEvent event) {
        return WebhookFacts.received("registry_package", DELIVERY, 7_000)
                .withSignature(SignatureVerdict.CURRENT_SECRET)
                .withPayload(new PackagePayload.Readable(event));
    }

    static WebhookFacts signedWeb(UnaryOperator<PackageEvent> change) {
        return signed(change.apply(WEB));
    }

    static PackageEvent with(PackageEvent e, String action, String type, String namespace, String tag, String digest) {
        return new PackageEvent(action, type, namespace, e.name(), tag, digest, e.publishedAt());
    }

    static Stream<Arguments> decisions() {
        var fresh = WebhookFacts.received("registry_package", DELIVERY, 7_000);
        return Stream.of(
                row("oversize body is refused before its signature is checked",
                        WebhookFacts.received("registry_package", DELIVERY, 1024 * 1024 + 1), "answer 413 too-large"),
                row("a body exactly at the limit is checked", WebhookFacts.received("registry_package", DELIVERY,
                        1024 * 1024), "verify-signature"),
                row("signature is checked before anything else", fresh, "verify-signature"),
                row("missing signature", fresh.withSignature(SignatureVerdict.MISSING), "answer 401 unauthorized"),
                row("wrong signature", fresh.withSignature(SignatureVerdict.MISMATCH), "answer 401 unauthorized"),
                row("unsigned ping is still unauthorized",
                        WebhookFacts.received("ping", DELIVERY, 10).withSignature(SignatureVerdict.MISSING),
                        "answer 401 unauthorized"),
                row("previous secret during a rotation is accepted",
                        fresh.withSignature(SignatureVerdict.PREVIOUS_SECRET), "read-payload"),
                row("body is read only once the signature is valid",
                        fresh.withSignature(SignatureVerdict.CURRENT_SECRET), "read-payload"),
                row("no event header", WebhookFacts.received(null, DELIVERY, 10)
                        .withSignature(SignatureVerdict.CURRENT_SECRET), "answer 400 bad-request"),
                row("no delivery header", WebhookFacts.received("registry_package", null, 10)
                        .withSignature(SignatureVerdict.CURRENT_SECRET), "answer 400 bad-request"),
                row("delivery id that is not a GUID", WebhookFacts.received("registry_package", "a#b", 10)
                        .withSignature(SignatureVerdict.CURRENT_SECRET), "answer 400 bad-request"),
                row("ping", WebhookFacts.received("ping", DELIVERY, 10).withSignature(SignatureVerdict.CURRENT_SECRET),
                        "answer 200 pong"),
                row("another event the webhook was subscribed to", WebhookFacts.received("push", DELIVERY, 10)
                        .withSignature(SignatureVerdict.CURRENT_SECRET), "answer 202 ignored"),
                row("body that is not JSON", fresh.withSignature(SignatureVerdict.CURRENT_SECRET)
                        .withPayload(new PackagePayload.Unreadable("body is not JSON")), "answer 400 bad-request"),
                row("npm package", signedWeb(e -> with(e, "published", "npm", "monynha", "1.6.0", DIGEST)),
                        "answer 202 ignored"),
                row("deleted version", signedWeb(e -> with(e, "deleted", "CONTAINER", "monynha", "1.6.0", DIGEST)),
                        "answer 202 ignored"),
                row("digest-only push (empty tag)", signedWeb(e -> with(e, "published", "CONTAINER", "monynha", "", DIGEST)),
                        "answer 202 ignored"),
                row("digest-only push (no tag at all)",
                        signedWeb(e -> with(e, "published", "CONTAINER", "monynha", null, DIGEST)), "answer 202 ignored"),
                row("no tag and no digest either: nothing to deploy, not malformed",
                        signedWeb(e -> with(e, "published", "CONTAINER", "monynha", null, null)), "answer 202 ignored"),
                row("digest that is not sha256",
                        signedWeb(e -> with(e, "published", "CONTAINER", "monynha", "1.6.0", "sha256:6c62fb45")),
                        "answer 400 bad-request"),
                row("tag with a character images cannot have",
                        signedWeb(e -> with(e, "published", "CONTAINER", "monynha", "1.6.0 ", DIGEST)),
                        "answer 400 bad-request"),
                row("image name longer than the 255 characters a reference allows (EventBridge would refuse it)",
                        signed(new PackageEvent("published", "CONTAINER", "monynha", "a".repeat(512 * 1024), "1.6.0",
                                DIGEST, PUBLISHED_AT)), "answer 400 bad-request"),
                row("image name of exactly 255 characters with ghcr.io/",
                        signed(new PackageEvent("published", "CONTAINER", "monynha",
                                "a".repeat(255 - "ghcr.io/monynha/".length()), "1.6.0", DIGEST, PUBLISHED_AT)),
                        "claim ghcr.io/monynha/" + "a".repeat(255 - "ghcr.io/monynha/".length()) + ":1.6.0"),
                row("published container version is claimed before it is published", signed(WEB),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("updated container version (a tag moved) also publishes",
                        signedWeb(e -> with(e, "updated", "CONTAINER", "monynha", "1.6.0", DIGEST)),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("docker package type of older deliveries",
                        signedWeb(e -> with(e, "published", "docker", "monynha", "1.6.0", DIGEST)),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("owner spelt with capitals is lower-cased like the registry does",
                        signedWeb(e -> with(e, "published", "CONTAINER", "Monynha", "1.6.0", DIGEST)),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("legacy package event", WebhookFacts.received("package", DELIVERY, 7_000)
                        .withSignature(SignatureVerdict.CURRENT_SECRET).withPayload(new PackagePayload.Readable(WEB)),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("a tag the policy admits is deployed without asking GitHub", signed(versioned("1.6.0", true)),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("latest: GitHub is asked for the version's tags (organisation's package)",
                        signed(versioned("latest", true)), "look-up-tags orgs/monynha/monynha/web/versions/612345678"),
                row("latest of a user's package is asked for under /users", signed(versioned("latest", false)),
                        "look-up-tags users/monynha/monynha/web/versions/612345678"),
                row("a commit sha tag is asked about too", signed(versioned("8f14e45fceea", true)),
                        "look-up-tags orgs/monynha/monynha/web/versions/612345678"),
                row("an untagged platform manifest of a multi-arch push is asked about", signed(versioned("", true)),
                        "look-up-tags orgs/monynha/monynha/web/versions/612345678"),
                row("latest whose version also carries 1.6.0 deploys 1.6.0",
                        asked("latest", new TagLookup.Found(List.of("latest", "1.6.0", "sha-8f14e45"))),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("several admitted version tags: the highest version",
                        asked("latest", new TagLookup.Found(List.of("1.6.0-rc.2", "1.6.0", "1.5.9", "latest"))),
                        "claim ghcr.io/monynha/monynha/web:1.6.0"),
                row("the version tag found is published once the delivery is claimed",
                        asked("latest", new TagLookup.Found(List.of("latest", "1.6.0"))).withFirstSeen(true),
                        "publish ghcr.io/monynha/monynha/web:1.6.0"),
                row("no version tag among GitHub's tags is skipped",
                        asked("latest", new TagLookup.Found(List.of("latest", "main"))), "answer 202 ignored"),
                row("a platform manifest GitHub reports no tags for is skipped",
                        asked("", new TagLookup.Found(List.of())), "answer 202 ignored"),
                row("a malformed tag from GitHub is never chosen",
                        asked("latest", new TagLookup.Found(List.of("1.6.0 ", "latest"))), "answer 202 ignored"),
                row("no GitHub token: latest is announced as today (the deploy side skips it with its policy)",
                        asked("latest", new TagLookup.NotConfigured()), "claim ghcr.io/monynha/monynha/web:latest"),
                row("no GitHub token: an untagged version is skipped as today",
                        asked("", new TagLookup.NotConfigured()), "answer 202 ignored"),
                row("no package_version.id to ask about: latest is announced as today",
                        signedWeb(e -> with(e, "published", "CONTAINER", "monynha", "latest", DIGEST)),
                        "claim ghcr.io/monynha/monynha/web:latest"),
                row("an image no environment takes is not asked about",
                        signed(new PackageEvent("published", "CONTAINER", "monynha", "monynha/legacy", "latest", DIGEST,
                                PUBLISHED_AT, VERSION_ID, true)), "claim ghcr.io/monynha/monynha/legacy:latest"),
                row("GitHub has no such version for the token (404)", asked("latest", new TagLookup.NotFound()),
                        "answer 503 tags-unavailable"),
                row("GitHub refuses the token (401)", asked("latest", new TagLookup.Unauthorized()),
                        "answer 503 tags-unavailable"),
                row("the token lacks read:packages (403)", asked("latest", new TagLookup.Forbidden()),
                        "answer 503 tags-unavailable"),
                row("GitHub's rate limit is used up (403, x-ratelimit-remaining: 0)",
                        asked("latest", new TagLookup.RateLimited(Instant.parse("2026-11-26T11:00:00Z"))),
                        "answer 503 tags-unavailable"),
                row("GitHub gives no usable answer", asked("latest", new TagLookup.Unavailable("HTTP 502")),
                        "answer 503 tags-unavailable"),
                row("replayed delivery", signed(WEB).withFirstSeen(false), "answer 200 duplicate"),
                row("first delivery", signed(WEB).withFirstSeen(true), "publish ghcr.io/monynha/monynha/web:1.6.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decide(String description, WebhookFacts facts, String expected) {
        assertThat(describe(WebhookTriage.decide(facts, CONFIG, LIMITS, NOW))).isEqualTo(expected);
    }

    @Test
    void publishedPush_isTheNormalisedGhcrImage_keyedByTheDeliveryId() {
        var decision = WebhookTriage.decide(signed(WEB).withFirstSeen(true), CONFIG, LIMITS, NOW);

        assertThat(decision).isInstanceOfSatisfying(WebhookDecision.Publish.class, p -> {
            var push = p.push();
            assertThat(push.pushId()).isEqualTo(DELIVERY);
            assertThat(push.registry().code()).isEqualTo("ghcr");
            assertThat(push.registryHost()).isEqualTo("ghcr.io");
            assertThat(push.repository()).isEqualTo("monynha/monynha/web");
            assertThat(push.source()).isEqualTo("ghcr.io/monynha/monynha/web");
            assertThat(push.tag()).isEqualTo("1.6.0");
            assertThat(push.digest()).isEqualTo(DIGEST);
            assertThat(push.pushedAt()).isEqualTo(PUBLISHED_AT);
        });
    }

    @Test
    void versionWithoutAUsableTime_isTakenAsPushedWhenTheDeliveryArrived() {
        var untimed = new PackageEvent("published", "CONTAINER", "monynha", "monynha/web", "1.6.0", DIGEST, null);

        var decision = WebhookTriage.decide(signed(untimed), CONFIG, LIMITS, NOW);

        assertThat(decision).isInstanceOfSatisfying(WebhookDecision.ClaimDelivery.class,
                c -> assertThat(c.push().pushedAt()).isEqualTo(NOW));
    }

    @Test
    void reasons_neverRepeatTheSignature() {
        var answer = (WebhookDecision.Answer) WebhookTriage.decide(
                WebhookFacts.received("registry_package", DELIVERY, 10).withSignature(SignatureVerdict.MISMATCH),
                CONFIG, LIMITS, NOW);

        assertThat(answer.response().reason()).doesNotContain("sha256=").isNotBlank();
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of("the version tag found says what was delivered and what GitHub reported",
                        asked("latest", new TagLookup.Found(List.of("latest", "1.6.0"))).withFirstSeen(true),
                        "announced ghcr.io/monynha/monynha/web:1.6.0 as Image Pushed (delivered as 'latest'; GitHub"
                                + " reports the version's tags as ['latest', '1.6.0']: '1.6.0' is the highest admitted"
                                + " by semver '>=0.1.0' including pre-releases)"),
                Arguments.of("a skip names the tags GitHub reported",
                        asked("latest", new TagLookup.Found(List.of("latest", "main"))),
                        "GitHub reports the version's tags as ['latest', 'main'] (delivered as 'latest'); none is"
                                + " admitted by semver '>=0.1.0' including pre-releases"),
                Arguments.of("a platform manifest's skip says GitHub reports no tags",
                        asked("", new TagLookup.Found(List.of())), "GitHub reports no tags for the version"
                                + " (delivered without a tag); none is admitted by semver '>=0.1.0' including"
                                + " pre-releases"),
                Arguments.of("without a token the answer says no lookup was made",
                        asked("latest", new TagLookup.NotConfigured()).withFirstSeen(true),
                        "announced ghcr.io/monynha/monynha/web:latest as Image Pushed (no environment admits tag"
                                + " 'latest'; no GitHub token is configured to look up the version's other tags"
                                + " (docs/GITHUB-DELIVERIES.md))"),
                Arguments.of("a rate limit names when it resets",
                        asked("latest", new TagLookup.RateLimited(Instant.parse("2026-11-26T11:00:00Z"))),
                        "GitHub's API rate limit for the token is used up until 2026-11-26T11:00:00Z; nothing was"
                                + " published: redeliver this delivery once that is fixed"),
                Arguments.of("a refused token is named as the cause", asked("latest", new TagLookup.Unauthorized()),
                        "GitHub's Packages API refused the token (401): it is invalid, expired or revoked; nothing"
                                + " was published: redeliver this delivery once that is fixed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void reason(String description, WebhookFacts facts, String expected) {
        var decision = WebhookTriage.decide(facts, CONFIG, LIMITS, NOW);

        var response = switch (decision) {
            case WebhookDecision.Answer a -> a.response();
            case WebhookDecision.Publish p -> WebhookTriage.published(p);
            default -> throw new AssertionError("not an answer: " + decision);
        };
        assertThat(response.reason()).isEqualTo(expected);
    }

    static Stream<Arguments> hugeValues() {
        var huge = "x".repeat(512 * 1024);
        return Stream.of(
                Arguments.of("tag", with(WEB, "published", "CONTAINER", "monynha", huge, DIGEST)),
                Arguments.of("digest", with(WEB, "published", "CONTAINER", "monynha", "1.6.0", "sha256:" + huge)),
                Arguments.of("action", with(WEB, huge, "CONTAINER", "monynha", "1.6.0", DIGEST)),
                Arguments.of("package type", with(WEB, "published", huge, "monynha", "1.6.0", DIGEST)),
                Arguments.of("namespace", with(WEB, "published", "CONTAINER", huge, "1.6.0", DIGEST)));
    }

    @ParameterizedTest(name = "a 512 KB {0} is quoted cut short in the reason")
    @MethodSource("hugeValues")
    void hugeValues_areQuotedCutShort_soTheReasonStaysOneReadableLine(String field, PackageEvent event) {
        var answer = (WebhookDecision.Answer) WebhookTriage.decide(signed(event), CONFIG, LIMITS, NOW);

        assertThat(answer.response().reason()).hasSizeLessThan(300).containsPattern("…' \\(52\\d{4} characters\\)");
    }

    static String describe(WebhookDecision decision) {
        return switch (decision) {
            case WebhookDecision.Answer a -> "answer " + a.response().status() + " " + a.response().outcome().code();
            case WebhookDecision.VerifySignature v -> "verify-signature";
            case WebhookDecision.ReadPayload r -> "read-payload";
            case WebhookDecision.LookUpTags l -> "look-up-tags " + (l.version().organization() ? "orgs/" : "users/")
                    + l.version().owner() + "/" + l.version().packageName() + "/versions/" + l.version().versionId();
            case WebhookDecision.ClaimDelivery c -> "claim " + c.push().source() + ":" + c.push().tag();
            case WebhookDecision.Publish p -> "publish " + p.push().source() + ":" + p.push().tag();
        };
    }

    private static Arguments row(String description, WebhookFacts facts, String expected) {
        return Arguments.of(description, facts, expected);
    }
}
