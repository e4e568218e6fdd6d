package dev.shiplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.github.GitHubPackageEvents;
import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.inbound.InboundEvent;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.deploy.PushPlanner;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.fakes.InMemoryDeliveryRegistry;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.webhook.PackageVersionTags;
import dev.shiplane.core.webhook.WebhookDelivery;
import dev.shiplane.core.webhook.WebhookLimits;
import dev.shiplane.core.webhook.WebhookReceiver;
import dev.shiplane.core.webhook.WebhookSignatures;
import dev.shiplane.testkit.RepoFiles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deliveries as GitHub and AWS really send them, from the samples in events/ (each has a .md beside it saying where
 * its shape comes from), and what shiplane decides for each: the webhook's answer and, for what it announces or ECR
 * reports, what each environment of the repository's shiplane.yml does with the push.
 */
class RealDeliveriesTest {

    static final String SECRET = "real-deliveries-secret";
    static final ShiplaneConfig CONFIG = ConfigLoader.load(RepoFiles.path("shiplane.yml"));
    static GitHubApiStandIn gitHub;

    @BeforeAll
    static void gitHub() throws Exception {
        gitHub = new GitHubApiStandIn();
        gitHub.answer("/orgs/monynha/packages/container/monynha%2Fdocs/versions/612345699", 200, Map.of(),
                RepoFiles.text("events/github/packages-api-version-docs-latest.json"));
        gitHub.answer("/orgs/monynha/packages/container/monynha%2Fdocs/versions/612345680", 200, Map.of(),
                "{\"id\":612345680,\"metadata\":{\"package_type\":\"container\",\"container\":{\"tags\":[]}}}");
    }

    @AfterAll
    static void stop() {
        gitHub.close();
    }

    static Stream<Arguments> deliveries() {
        return Stream.of(
                github("a tagged version", "registry-package-published.json", "registry_package", true,
                        "200 published ghcr.io/monynha/monynha/docs:1.3.0 → staging/docs deploy, prod/docs promotion"),
                github("latest: the version tag GitHub's API reports is deployed",
                        "registry-package-published-latest.json", "registry_package", true,
                        "200 published ghcr.io/monynha/monynha/docs:1.3.1 → staging/docs deploy, prod/docs promotion"),
                github("latest without a GitHub token: announced as before, skipped by the tag policy",
                        "registry-package-published-latest.json", "registry_package", false,
                        "200 published ghcr.io/monynha/monynha/docs:latest → staging/docs policy, prod/docs promotion"),
                github("an untagged platform manifest: GitHub reports no tags for it",
                        "registry-package-published-platform-manifest.json", "registry_package", true,
                        "202 ignored: GitHub reports no tags for the version (delivered without a tag); none is"
                                + " admitted by semver '>=1.0.0'"),
                github("an untagged platform manifest without a GitHub token",
                        "registry-package-published-platform-manifest.json", "registry_package", false,
                        "202 ignored: the version of 'monynha/docs' has no tag (pushed by digest only); no GitHub"
                                + " token is configured to look up the version's other tags (docs/GITHUB-DELIVERIES.md)"),
                github("an owner spelt with capitals", "registry-package-published-uppercase-owner.json",
                        "registry_package", true,
                        "200 published ghcr.io/monynha/monynha/docs:1.3.0 → staging/docs deploy, prod/docs promotion"),
                github("the legacy package event", "package-published.json", "package", true,
                        "200 published ghcr.io/monynha/monynha/docs:1.3.0 → staging/docs deploy, prod/docs promotion"),
                ecr("an untagged platform manifest of a multi-arch ECR push", "ecr-image-push-multiarch-child.json",
                        "push monynha/web untagged → staging/web no-tag, prod/web promotion"),
                ecr("an ECR push by digest", "ecr-image-push-untagged.json",
                        "push monynha/docs untagged → staging/docs no-tag, prod/docs promotion"),
                ecr("a tagged ECR push", "ecr-image-push.json",
                        "push monynha/web:1.4.2 → staging/web deploy, prod/web promotion"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void decision(String description, String source, String sample, String eventName, Boolean withToken,
                  String expected) {
        var decided = source.equals("github") ? webhook(sample, eventName, withToken) : ecr(sample);

        assertThat(decided).isEqualTo(expected);
    }

    /** The webhook's answer to the signed sample, and the plans of what it announced. */
    static String webhook(String sample, String eventName, boolean withToken) {
        var bus = new RecordingBus();
        var receiver = new WebhookReceiver(() -> List.of(SECRET), new GitHubPackageEvents(), CONFIG,
                withToken ? new GitHubPackageVersionTags(gitHub.api(), () -> "ghp_token")
                        : PackageVersionTags.NOT_CONFIGURED,
                new InMemoryDeliveryRegistry(), new PushAnnouncer(bus),
                new MutableClock(Instant.parse("2026-11-26T11:42:01Z")), WebhookLimits.defaults());
        var body = RepoFiles.bytes("events/github/" + sample);

        var response = receiver.receive(new WebhookDelivery(eventName, "0f6d2c1e-cb11-11f0-8e2a-5b3c9d0e1f2a",
                WebhookSignatures.sign(SECRET, body), body));

        var pushed = bus.published(ImagePushed.class);
        if (pushed.isEmpty()) {
            return response.status() + " " + response.outcome().code() + ": " + response.reason();
        }
        var push = pushed.getFirst();
        return response.status() + " " + response.outcome().code() + " " + push.registryHost() + "/"
                + push.repository() + ":" + push.tag() + " → " + plans(push.registry(), push.registryHost(),
                push.repository(), push.tag(), push.digest());
    }

    /** What the deploy function meets for the sample ECR event. */
    static String ecr(String sample) {
        var event = (InboundEvent.EcrImageAction) EventParser.parse(RepoFiles.bytes("events/aws/" + sample));
        var push = event.push();
        return "push " + push.repository() + (push.tag() == null ? " untagged" : ":" + push.tag()) + " → "
                + plans(push.registry().code(), push.registryHost(), push.repository(), push.tag(), push.digest());
    }

    private static String plans(String registry, String host, String repository, String tag, String digest) {
        var push = new ImagePush("p", dev.shiplane.core.image.Registry.fromCode(registry), host, repository, tag,
                digest, Instant.EPOCH);
        return PushPlanner.plan(CONFIG, push).stream()
                .map(p -> p.env() + "/" + p.service() + " " + (p.deploys() ? "deploy" : p.reason()))
                .collect(Collectors.joining(", "));
    }

    private static Arguments github(String description, String sample, String eventName, boolean withToken,
                                    String expected) {
        return Arguments.of(description, "github", sample, eventName, withToken, expected);
    }

    private static Arguments ecr(String description, String sample, String expected) {
        return Arguments.of(description, "aws", sample, null, null, expected);
    }
}
