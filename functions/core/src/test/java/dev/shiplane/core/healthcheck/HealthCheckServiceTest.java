package dev.shiplane.core.healthcheck;

import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.HttpCheck;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.fakes.FakeScheduler;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One attempt → one request, and what the attempt leads to: an announcement or the next attempt's schedule. */
class HealthCheckServiceTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/web", "1.5.0", "sha256:x", "uri");
    static final HttpCheck HEALTH = new HttpCheck("health", HttpCheck.Phase.PRE_TRAFFIC, "/api/health", 200,
            "/status", "ok", Duration.ofSeconds(2), 3, Duration.ofSeconds(30));
    static final HttpCheck LIVE = new HttpCheck("health", HttpCheck.Phase.POST_PROMOTION, "/api/health", 200,
            null, null, Duration.ofSeconds(2), 1, Duration.ofSeconds(30));

    record Request(String url, Map<String, String> headers, Duration timeout, String field) {}

    final List<Request> requests = new ArrayList<>();
    final RecordingBus bus = new RecordingBus();
    final FakeScheduler scheduler = new FakeScheduler();

    HealthCheckService service(CheckResponse answer) {
        var env = new EnvironmentSpec("prod", "monynha-prod", new TagPolicy(new TagMatcher.AnyTag(), false, false), null, null, null,
                "https://origin.monynha.dev/");
        var web = new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.CANARY, List.of(),
                List.of("prod"), null, null, List.of(HEALTH, LIVE));
        var config = new ShiplaneConfig(List.of(env), List.of(web));
        return new HealthCheckService(config, (url, headers, timeout, field) -> {
            requests.add(new Request(url, headers, timeout, field));
            return answer;
        }, bus, scheduler, new MutableClock(NOW));
    }

    static HealthCheckDue due(String phase, int attempt) {
        return new HealthCheckDue("prod", "web", "d-1", IMAGE, "health", phase, "green", attempt, NOW);
    }

    static CheckResponse answered(int status, String field) {
        return new CheckResponse.Answered(status, field == null ? new CheckResponse.FieldReading.NotAsked()
                : new CheckResponse.FieldReading.Found(field), Duration.ofMillis(20));
    }

    @Test
    void preTrafficAttemptGoesToTheNewColourOnlyAndAnnouncesThePass() {
        var said = service(answered(200, "ok")).attempt(due("pre-traffic", 1));

        assertThat(said).isInstanceOfSatisfying(CheckAttemptOutcome.Passed.class,
                passed -> assertThat(passed.evidence()).isEqualTo(bus.published(GatePassed.class).getFirst().evidence()));
        assertThat(requests).containsExactly(new Request("https://origin.monynha.dev/api/health",
                Map.of("X-Shiplane-Colour", "green"), Duration.ofSeconds(2), "/status"));
        assertThat(bus.published(GatePassed.class)).singleElement().satisfies(e -> {
            assertThat(e.gate()).isEqualTo("pre-traffic");
            assertThat(e.check()).isEqualTo("health");
            assertThat(e.deploymentId()).isEqualTo("d-1");
            assertThat(e.evidence()).contains("/status = \"ok\"");
        });
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void failedAttemptWithAttemptsLeftSchedulesTheNextOneInsteadOfWaiting() {
        var said = service(answered(500, "ok")).attempt(due("pre-traffic", 1));

        assertThat(said).isInstanceOfSatisfying(CheckAttemptOutcome.RetryScheduled.class, retry -> {
            assertThat(retry.at()).isEqualTo(NOW.plusSeconds(30));
            assertThat(retry.nextAttempt()).isEqualTo(2);
        });
        assertThat(bus.published()).isEmpty();
        assertThat(scheduler.pending().values()).singleElement().satisfies(scheduled -> {
            assertThat(scheduled.at()).isEqualTo(NOW.plusSeconds(30));
            assertThat(scheduled.event()).isEqualTo(new HealthCheckDue("prod", "web", "d-1", IMAGE, "health",
                    "pre-traffic", "green", 2, NOW.plusSeconds(30)));
        });
    }

    @Test
    void lastFailedAttemptAnnouncesTheFailureWithTheEvidence() {
        var said = service(new CheckResponse.TimedOut(Duration.ofSeconds(2))).attempt(due("pre-traffic", 3));

        assertThat(said).isEqualTo(new CheckAttemptOutcome.Failed("health: no answer within 2000ms (attempt 3 of 3)"));
        assertThat(bus.published(GateFailed.class)).singleElement().satisfies(e -> {
            assertThat(e.gate()).isEqualTo("pre-traffic");
            assertThat(e.evidence()).isEqualTo("health: no answer within 2000ms (attempt 3 of 3)");
        });
        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void postPromotionAttemptGoesToTheLiveServiceWithoutTheColourHeader() {
        service(answered(200, null)).attempt(due("post-promotion", 1));

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.headers()).isEmpty());
        assertThat(bus.published(GatePassed.class)).singleElement()
                .satisfies(e -> assertThat(e.gate()).isEqualTo("post-promotion"));
    }

    @Test
    void aCheckNoLongerDeclaredFailsWithoutARequest() {
        var said = service(answered(200, "ok")).attempt(new HealthCheckDue("prod", "web", "d-1", IMAGE, "smoke",
                "pre-traffic", "green", 1, NOW));

        assertThat(said).isEqualTo(new CheckAttemptOutcome.Failed(
                "smoke: no longer declared for pre-traffic in shiplane.yml"));
        assertThat(requests).isEmpty();
        assertThat(bus.published(GateFailed.class)).hasSize(1);
    }

    @Test
    void unknownPhaseOrServiceIsIgnoredWithoutARequest() {
        assertThat(service(answered(200, "ok")).attempt(due("mid-traffic", 1)))
                .isEqualTo(new CheckAttemptOutcome.Ignored("'mid-traffic' is not a check phase"));
        assertThat(service(answered(200, "ok")).attempt(new HealthCheckDue("dev", "web", "d-1", IMAGE, "health",
                "pre-traffic", "green", 1, NOW))).isEqualTo(new CheckAttemptOutcome.Ignored("web does not run in dev"));
        assertThat(requests).isEmpty();
        assertThat(bus.published()).isEmpty();
    }
}
