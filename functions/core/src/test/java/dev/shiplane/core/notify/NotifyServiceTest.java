package dev.shiplane.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.fakes.InMemoryDeliveryRegistry;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.notify.ChatWebhook.Outcome;
import dev.shiplane.core.notify.NotifyOutcome.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyServiceTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:31:00Z");
    static final ImageRef API = new ImageRef("ecr", "monynha/api", "2.0.0", "sha256:" + "a".repeat(64), "r@x");
    static final DeploymentRolledBack ROLLED_BACK = new DeploymentRolledBack("staging", "api", "d-1", API, "alarm",
            "staging-api-5xx: Threshold Crossed", "td:1", "td:2", T0, T0.minusSeconds(20));
    static final NotifyOutcome BOTH_SENT = new NotifyOutcome.Announced("Deployment Rolled Back",
            new Delivery.Published(), new Delivery.Posted(1));

    final MutableClock clock = new MutableClock(T0);
    final List<PlainText> topic = new ArrayList<>();
    final List<Notice> posted = new ArrayList<>();
    final List<DashboardLink> linked = new ArrayList<>();
    final ArrayDeque<Outcome> slackAnswers = new ArrayDeque<>();
    final List<Duration> pauses = new ArrayList<>();
    final InMemoryDeliveryRegistry claims = new InMemoryDeliveryRegistry();
    boolean topicDown;

    final NotifyService service = new NotifyService(
            message -> {
                if (topicDown) throw new IllegalStateException("SNS unavailable");
                topic.add(message);
            },
            (notice, dashboard) -> {
                posted.add(notice);
                linked.add(dashboard);
                return slackAnswers.isEmpty() ? new Outcome.Delivered() : slackAnswers.poll();
            },
            claims, new DashboardLink("shiplane", "us-east-1"), DeliveryRetry.Limits.DEFAULT,
            d -> {
                pauses.add(d);
                clock.advance(d);
            }, clock);

    @Test
    void announcedEvent_goesToTheTopicAndSlackOnce() {
        var result = service.notify("e-1", ROLLED_BACK);

        assertThat(result).isEqualTo(BOTH_SENT);
        assertThat(topic).singleElement().satisfies(t -> assertThat(t.subject())
                .isEqualTo("shiplane ALERT: api 2.0.0 rolled back in staging (alarm)"));
        assertThat(posted).singleElement().satisfies(notice -> {
            assertThat(notice.emoji()).isEqualTo(":rewind:");
            assertThat(notice.headline()).isEqualTo("api 2.0.0 rolled back in staging (alarm)");
        });
        assertThat(linked).containsExactly(new DashboardLink("shiplane", "us-east-1"));
    }

    @Test
    void redeliveredEvent_sendsNothingAgain() {
        service.notify("e-1", ROLLED_BACK);

        var again = service.notify("e-1", ROLLED_BACK);

        assertThat(again).isEqualTo(new NotifyOutcome.Announced("Deployment Rolled Back", new Delivery.SentBefore(),
                new Delivery.SentBefore()));
        assertThat(topic).hasSize(1);
        assertThat(posted).hasSize(1);
    }

    @Test
    void claimWrittenButItsAnswerLost_isWithdrawn_soTheRetriedEventSends() {
        claims.loseNextAnswers(1);

        assertThatThrownBy(() -> service.notify("e-1", ROLLED_BACK)).hasMessageContaining("answer was lost");
        assertThat(claims.claims()).isEmpty();

        assertThat(service.notify("e-1", ROLLED_BACK)).isEqualTo(BOTH_SENT);
        assertThat(topic).hasSize(1);
        assertThat(posted).hasSize(1);
    }

    @Test
    void silentEvent_sendsNothingAndClaimsNothing() {
        var result = service.notify("e-2", new DeploymentSkipped("prod", "web", "d", "p", API, "duplicate", "x", T0));

        assertThat(result).isEqualTo(new NotifyOutcome.Silent("Deployment Skipped"));
        assertThat(topic).isEmpty();
        assertThat(posted).isEmpty();
        assertThat(claims.claims()).isEmpty();
    }

    @Test
    void rateLimitedThenAccepted_postsOnce_afterRetryAfter() {
        slackAnswers.add(new Outcome.RateLimited(Duration.ofSeconds(1)));

        var result = service.notify("e-1", ROLLED_BACK);

        assertThat(result).isInstanceOfSatisfying(NotifyOutcome.Announced.class,
                sent -> assertThat(sent.slack()).isEqualTo(new Delivery.Posted(2)));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void slackDownForTheWholeBudget_failsTheInvocation_andARetrySendsOnlySlack() {
        for (int i = 0; i < 3; i++) slackAnswers.add(new Outcome.Unavailable("HTTP 500"));

        assertThatThrownBy(() -> service.notify("e-1", ROLLED_BACK))
                .isInstanceOf(NotifyService.SlackUnavailableException.class).hasMessageContaining("3 attempts");
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(claims.claims()).containsOnlyKeys("notify:sns:e-1");

        var retry = service.notify("e-1", ROLLED_BACK);

        assertThat(retry).isEqualTo(new NotifyOutcome.Announced("Deployment Rolled Back", new Delivery.SentBefore(),
                new Delivery.Posted(1)));
        assertThat(topic).hasSize(1);
        assertThat(posted).hasSize(4);
    }

    @Test
    void rejectedBySlack_isDroppedNotRetried() {
        slackAnswers.add(new Outcome.Rejected(404, "no_service"));

        var result = service.notify("e-1", ROLLED_BACK);

        assertThat(result).isInstanceOfSatisfying(NotifyOutcome.Announced.class,
                sent -> assertThat(sent.slack()).isEqualTo(new Delivery.Dropped("rejected with 404: no_service")));
        assertThat(posted).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void topicFailure_withdrawsItsClaim_soTheRetryPublishes() {
        topicDown = true;
        assertThatThrownBy(() -> service.notify("e-1", ROLLED_BACK)).hasMessageContaining("SNS unavailable");
        assertThat(claims.claims()).isEmpty();
        assertThat(posted).as("Slack waits for the retry").isEmpty();

        topicDown = false;
        assertThat(service.notify("e-1", ROLLED_BACK)).isEqualTo(BOTH_SENT);
    }
}
