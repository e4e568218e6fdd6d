package dev.shiplane.core.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.dora.LeadTime;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredEventBusTest {

    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/web", "1.0.0", "sha256:x", "uri");
    static final ImageRef COMMITTED = new ImageRef("ecr", "monynha/docs", "1.0.0", "sha256:x", "uri",
            new ImageCommit("8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", Instant.parse("2026-11-01T09:00:00Z")));
    final List<String> recorded = new ArrayList<>();
    final DeliveryMetrics metrics = new DeliveryMetrics() {
        @Override
        public void deploymentSucceeded(String env, String service, Duration duration, LeadTime leadTime,
                                        Duration pushToLive) {
            recorded.add("succeeded " + env + "/" + service + " " + duration.toSeconds() + "s lead "
                    + (leadTime == null ? "-" : leadTime.duration().toSeconds() + "s from " + leadTime.from().code())
                    + " push to live " + (pushToLive == null ? "-" : pushToLive.toSeconds() + "s"));
        }

        @Override
        public void rolledBack(String env, String service, String trigger, Duration timeToRestore) {
            recorded.add("rolled back " + env + "/" + service + " " + trigger + " restored in "
                    + timeToRestore.toSeconds() + "s");
        }
    };
    final RecordingBus bus = new RecordingBus();
    final MeteredEventBus metered = new MeteredEventBus(bus, metrics);

    @Test
    void successesAndRollbacksAreMeasuredAfterTheyReachTheBus() {
        var now = Instant.parse("2026-11-01T10:00:00Z");
        metered.publish(new DeploymentSucceeded("prod", "web", "d-1", IMAGE, "td:2", now.minusSeconds(251), now, 251,
                now.minusSeconds(900)));
        metered.publish(new DeploymentSucceeded("prod", "api", "d-3", IMAGE, "td:2", now.minusSeconds(60), now, 60));
        metered.publish(new DeploymentSucceeded("prod", "docs", "d-4", COMMITTED, "td:2", now.minusSeconds(60), now,
                60, now.minusSeconds(900)));
        metered.publish(new DeploymentRolledBack("prod", "web", "d-1", IMAGE, "alarm", "5xx", "td:1", "td:2", now,
                now.minusSeconds(42)));
        metered.publish(new DeploymentRolledBack("prod", "web", "d-1", IMAGE, "manual", "bad", "td:1", "td:2", now));
        metered.publish(new DeploymentSkipped("prod", "web", "d-2", "p", IMAGE, "policy", "no", now));

        assertThat(recorded).containsExactly("succeeded prod/web 251s lead 900s from push push to live 900s",
                "succeeded prod/api 60s lead - push to live -",
                "succeeded prod/docs 60s lead 3600s from commit push to live 900s",
                "rolled back prod/web alarm restored in 42s", "rolled back prod/web manual restored in 0s");
        assertThat(bus.published()).hasSize(6);
    }

    @Test
    void nothingIsMeasuredWhenTheBusRefusesTheEvent() {
        bus.failNext(1);
        var now = Instant.now();
        assertThatThrownBy(() -> metered.publish(new DeploymentRolledBack("prod", "web", "d-1", IMAGE, "alarm", "5xx",
                "td:1", "td:2", now))).hasMessageContaining("unavailable");
        assertThat(recorded).isEmpty();
    }
}
