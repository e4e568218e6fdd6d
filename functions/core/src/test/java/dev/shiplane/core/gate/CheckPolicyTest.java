package dev.shiplane.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.CheckResponse.FieldReading;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckPolicyTest {

    static final HttpCheck HEALTH = new HttpCheck("health", HttpCheck.Phase.PRE_TRAFFIC, "/api/health", 200,
            "/status", "ok", Duration.ofSeconds(2), 3, Duration.ofSeconds(20));
    static final HttpCheck STATUS_ONLY = new HttpCheck("smoke", HttpCheck.Phase.POST_PROMOTION, "/", 200, null, null,
            Duration.ofSeconds(2), 1, Duration.ofSeconds(20));

    static CheckResponse ok(int status, FieldReading field, long millis) {
        return new CheckResponse.Answered(status, field, Duration.ofMillis(millis));
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                row("healthy answer passes", HEALTH, ok(200, new FieldReading.Found("ok"), 35), 1, "pass",
                        "health: 200, /status = \"ok\" in 35ms (attempt 1)"),
                row("status-only check ignores the body", STATUS_ONLY, ok(200, new FieldReading.NotAsked(), 12), 1,
                        "pass", "smoke: 200 in 12ms"),
                row("500 on a first attempt is retried", HEALTH, ok(500, new FieldReading.NotJson(), 40), 1, "retry",
                        "status 500, expected 200 (attempt 1 of 3)"),
                row("500 on the last attempt fails", HEALTH, ok(500, new FieldReading.NotJson(), 40), 3, "fail",
                        "status 500, expected 200 (attempt 3 of 3)"),
                row("a single-attempt check fails at once", STATUS_ONLY, ok(503, new FieldReading.NotAsked(), 5), 1,
                        "fail", "status 503, expected 200 (attempt 1 of 1)"),
                row("no answer within the timeout is a failed attempt", HEALTH,
                        new CheckResponse.TimedOut(Duration.ofSeconds(2)), 2, "retry", "no answer within 2000ms"),
                row("an answer slower than the bound fails", HEALTH, ok(200, new FieldReading.Found("ok"), 2500), 3,
                        "fail", "answered in 2500ms, over the 2000ms bound"),
                row("wrong JSON value fails", HEALTH, ok(200, new FieldReading.Found("degraded"), 30), 3, "fail",
                        "/status is \"degraded\", expected \"ok\""),
                row("missing JSON field fails", HEALTH, ok(200, new FieldReading.Missing(), 30), 3, "fail",
                        "/status is missing from the body"),
                row("a body that is not JSON fails a JSON expectation", HEALTH, ok(200, new FieldReading.NotJson(), 30),
                        3, "fail", "the body is not JSON"),
                row("unreachable service is a failed attempt", HEALTH,
                        new CheckResponse.Unreachable("connection refused"), 1, "retry",
                        "unreachable: connection refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void judges(String name, HttpCheck check, CheckResponse response, int attempt, String kind, String says) {
        var verdict = CheckPolicy.judge(check, response, attempt);

        switch (verdict) {
            case CheckVerdict.Pass p -> {
                assertThat(kind).isEqualTo("pass");
                assertThat(p.evidence()).contains(says);
            }
            case CheckVerdict.Retry r -> {
                assertThat(kind).isEqualTo("retry");
                assertThat(r.evidence()).contains(says);
                assertThat(r.nextAttempt()).isEqualTo(attempt + 1);
            }
            case CheckVerdict.Fail f -> {
                assertThat(kind).isEqualTo("fail");
                assertThat(f.evidence()).contains(says);
            }
        }
    }

    static Arguments row(String name, HttpCheck check, CheckResponse response, int attempt, String kind, String says) {
        return Arguments.of(name, check, response, attempt, kind, says);
    }
}
