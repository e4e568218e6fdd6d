package dev.shiplane.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.fakes.InMemoryDeliveryRegistry;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The use case on fakes: which ports are touched for which delivery, and what reaches the bus. */
class WebhookReceiverTest {

    static final String SECRET = "current-secret";
    static final String DELIVERY = "9b7f3c2e-cb11-11f0-8a6e-7c1e52b0a001";
    static final byte[] BODY = "{\"action\":\"published\"}".getBytes(StandardCharsets.UTF_8);
    static final PackageEvent WEB = new PackageEvent("published", "CONTAINER", "monynha", "monynha/web", "1.6.0",
            "sha256:" + "4e".repeat(32), Instant.parse("2026-11-26T10:10:00Z"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:10:05Z"));
    final RecordingBus bus = new RecordingBus();
    final InMemoryDeliveryRegistry deliveries = new InMemoryDeliveryRegistry();
    int secretReads;
    int bodyReads;
    List<String> secrets = List.of(SECRET);

    final WebhookSecrets secretStore = () -> {
        secretReads++;
        return secrets;
    };
    final PackageEventReader reader = (event, body) -> {
        bodyReads++;
        return new PackagePayload.Readable(WEB);
    };
    final WebhookReceiver receiver = new WebhookReceiver(secretStore, reader, WebhookTriageTest.CONFIG,
            PackageVersionTags.NOT_CONFIGURED, deliveries, new PushAnnouncer(bus), clock,
            new WebhookLimits(1024, Duration.ofDays(30)));

    static WebhookDelivery delivery(String signature, byte[] body) {
        return new WebhookDelivery("registry_package", DELIVERY, signature, body);
    }

    @Test
    void signedDelivery_publishesImagePushed_keyedByTheDeliveryId() {
        var response = receiver.receive(delivery(WebhookSignatures.sign(SECRET, BODY), BODY));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.outcome()).isEqualTo(WebhookOutcome.PUBLISHED);
        assertThat(bus.published(ImagePushed.class)).singleElement().satisfies(e -> {
            assertThat(e.pushId()).isEqualTo(DELIVERY);
            assertThat(e.registry()).isEqualTo("ghcr");
            assertThat(e.imageUri()).isEqualTo("ghcr.io/monynha/monynha/web@sha256:" + "4e".repeat(32));
        });
        assertThat(deliveries.claims()).containsEntry(DELIVERY, clock.instant().plus(Duration.ofDays(30)));
    }

    @Test
    void replayedDelivery_isAnsweredDuplicate_andPublishedOnce() {
        var signed = delivery(WebhookSignatures.sign(SECRET, BODY), BODY);
        receiver.receive(signed);

        var again = receiver.receive(signed);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.outcome()).isEqualTo(WebhookOutcome.DUPLICATE);
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void wrongSignature_isUnauthorized_readsNoBody_claimsNothing_publishesNothing() {
        var response = receiver.receive(delivery(WebhookSignatures.sign("guessed", BODY), BODY));

        assertThat(response.status()).isEqualTo(401);
        assertThat(bodyReads).isZero();
        assertThat(deliveries.claims()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void oversizeBody_isRefusedWithoutReadingTheSecret() {
        var big = new byte[1025];

        var response = receiver.receive(delivery(WebhookSignatures.sign(SECRET, big), big));

        assertThat(response.status()).isEqualTo(413);
        assertThat(secretReads).isZero();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void duringARotation_bothSecretsAreAccepted() {
        secrets = List.of("new-secret", SECRET);

        var oldSigner = receiver.receive(delivery(WebhookSignatures.sign(SECRET, BODY), BODY));

        assertThat(oldSigner.outcome()).isEqualTo(WebhookOutcome.PUBLISHED);
    }

    @Test
    void busRefusal_withdrawsTheClaim_soGitHubsRedeliveryPublishes() {
        var signed = delivery(WebhookSignatures.sign(SECRET, BODY), BODY);
        bus.failNext(1);

        assertThatThrownBy(() -> receiver.receive(signed)).isInstanceOf(IllegalStateException.class);
        assertThat(deliveries.claims()).isEmpty();

        assertThat(receiver.receive(signed).outcome()).isEqualTo(WebhookOutcome.PUBLISHED);
        assertThat(bus.published()).hasSize(1);
    }

    @Test
    void claimWrittenButItsAnswerLost_isWithdrawn_soGitHubsRedeliveryPublishes() {
        var signed = delivery(WebhookSignatures.sign(SECRET, BODY), BODY);
        deliveries.loseNextAnswers(1);

        assertThatThrownBy(() -> receiver.receive(signed)).hasMessageContaining("answer was lost");
        assertThat(deliveries.claims()).isEmpty();
        assertThat(bus.published()).isEmpty();

        assertThat(receiver.receive(signed).outcome()).isEqualTo(WebhookOutcome.PUBLISHED);
        assertThat(bus.published(ImagePushed.class)).hasSize(1);
    }

    @Test
    void deliveryDescription_leavesOutSignatureAndBody() {
        var signature = WebhookSignatures.sign(SECRET, BODY);

        assertThat(delivery(signature, BODY).toString()).contains(DELIVERY).doesNotContain(signature)
                .doesNotContain("published");
    }

    /** A receiver reading {@code event} from every body and asking {@code tags} about its version. */
    WebhookReceiver askingGitHub(PackageEvent event, PackageVersionTags tags) {
        return new WebhookReceiver(secretStore, (name, body) -> new PackagePayload.Readable(event),
                WebhookTriageTest.CONFIG, tags, deliveries, new PushAnnouncer(bus), clock,
                new WebhookLimits(1024, Duration.ofDays(30)));
    }

    @Test
    void latestDelivery_publishesTheVersionTagGitHubReports_askingOnce() {
        List<PackageVersionRef> asked = new java.util.ArrayList<>();
        var receiver = askingGitHub(WebhookTriageTest.versioned("latest", true), version -> {
            asked.add(version);
            return new TagLookup.Found(List.of("latest", "1.6.0"));
        });

        var response = receiver.receive(delivery(WebhookSignatures.sign(SECRET, BODY), BODY));

        assertThat(response.outcome()).isEqualTo(WebhookOutcome.PUBLISHED);
        assertThat(asked).containsExactly(new PackageVersionRef(true, "monynha", "monynha/web", 612345678L));
        assertThat(bus.published(ImagePushed.class)).singleElement().satisfies(e -> {
            assertThat(e.tag()).isEqualTo("1.6.0");
            assertThat(e.digest()).isEqualTo("sha256:" + "4e".repeat(32));
        });
    }

    @Test
    void gitHubUnableToTellTheTags_claimsNothing_publishesNothing_andARedeliveryStillPublishes() {
        var limited = askingGitHub(WebhookTriageTest.versioned("latest", true),
                version -> new TagLookup.RateLimited(null));
        var signed = delivery(WebhookSignatures.sign(SECRET, BODY), BODY);

        var response = limited.receive(signed);

        assertThat(response.status()).isEqualTo(503);
        assertThat(deliveries.claims()).isEmpty();
        assertThat(bus.published()).isEmpty();
        var redelivered = askingGitHub(WebhookTriageTest.versioned("latest", true),
                version -> new TagLookup.Found(List.of("1.6.0"))).receive(signed);
        assertThat(redelivered.outcome()).isEqualTo(WebhookOutcome.PUBLISHED);
    }
}
