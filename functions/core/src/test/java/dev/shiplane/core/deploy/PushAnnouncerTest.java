package dev.shiplane.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.fakes.InMemoryImageCommits;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushAnnouncerTest {

    static final String DIGEST = "sha256:" + "b".repeat(64);
    static final String SHA = "8f14e45fceea167a5a36dedd4bea2543c9e1f7a0";
    static final Instant PUSHED = Instant.parse("2026-11-26T10:00:00Z");
    static final ImagePush ECR_PUSH = new ImagePush("e-1", Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "monynha/web", "1.4.2", DIGEST, PUSHED);

    final RecordingBus bus = new RecordingBus();
    final InMemoryImageCommits commits = new InMemoryImageCommits();

    @Test
    void ecrPush_isAnnouncedWithTheCommitItsIndexNames() {
        commits.annotate("monynha/web", DIGEST, Map.of("org.opencontainers.image.revision", SHA,
                "dev.shiplane.commit.timestamp", "2026-11-26T09:35:00Z"));

        var announced = new PushAnnouncer(bus, commits).announce(ECR_PUSH);

        var expected = new ImageCommit(SHA, Instant.parse("2026-11-26T09:35:00Z"));
        assertThat(announced.commit()).isEqualTo(expected);
        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(ImagePushed.class,
                e -> assertThat(e.commit()).isEqualTo(expected));
    }

    @Test
    void ecrPushWhoseImageNamesNoCommit_isAnnouncedWithoutOne() {
        new PushAnnouncer(bus, commits).announce(ECR_PUSH);

        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(ImagePushed.class,
                e -> assertThat(e.commit()).isNull());
    }

    @Test
    void aDeliveryThatCarriesItsCommit_isNotAskedAgain() {
        commits.annotate("monynha/web", DIGEST, Map.of("org.opencontainers.image.revision", "c".repeat(40)));
        var delivered = ECR_PUSH.withCommit(new ImageCommit(SHA, null));

        new PushAnnouncer(bus, commits).announce(delivered);

        assertThat(bus.published()).singleElement().isInstanceOfSatisfying(ImagePushed.class,
                e -> assertThat(e.commit()).isEqualTo(new ImageCommit(SHA, null)));
    }

    @Test
    void withoutARegistryToAsk_thePushIsAnnouncedAsDelivered() {
        new PushAnnouncer(bus).announce(ECR_PUSH);

        assertThat(bus.published()).singleElement().isEqualTo(ImagePushed.of(ECR_PUSH));
    }
}
