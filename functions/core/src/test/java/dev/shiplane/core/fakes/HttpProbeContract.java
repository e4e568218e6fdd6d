package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.CheckResponse;
import dev.shiplane.core.gate.CheckResponse.FieldReading;
import dev.shiplane.core.gate.HttpProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HttpProbe} must do; run against the JDK client and a local HTTP server (checks). Core's tests
 * stand in for the probe with lambdas returning a {@link CheckResponse}, so there is no in-memory probe to drift.
 */
public abstract class HttpProbeContract {

    protected abstract HttpProbe probe();

    /** A URL answering {@code status} with {@code body} (and {@code headers}) after {@code delay}. */
    protected abstract String serve(int status, String body, Map<String, String> headers, Duration delay);

    /** A URL nothing listens on. */
    protected abstract String refusingUrl();

    /** The headers of the last request the server received (names in lower case). */
    protected abstract Map<String, String> lastRequestHeaders();

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    String serve(int status, String body) {
        return serve(status, body, Map.of(), Duration.ZERO);
    }

    @Test
    void answer_isItsStatus_withNoFieldAskedFor() {
        var response = probe().get(serve(200, "ok"), Map.of(), TIMEOUT, null);

        assertThat(response).isInstanceOfSatisfying(CheckResponse.Answered.class, answered -> {
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.field()).isEqualTo(new FieldReading.NotAsked());
            assertThat(answered.elapsed()).isLessThan(TIMEOUT);
        });
    }

    @Test
    void serverError_isAnAnswer_notAnException() {
        var response = probe().get(serve(503, "down"), Map.of(), TIMEOUT, null);

        assertThat(response).isInstanceOfSatisfying(CheckResponse.Answered.class,
                answered -> assertThat(answered.status()).isEqualTo(503));
    }

    @Test
    void redirect_isTheAnswer_notFollowed() {
        var target = serve(200, "elsewhere");
        var response = probe().get(serve(302, "", Map.of("Location", target), Duration.ZERO), Map.of(), TIMEOUT, null);

        assertThat(response).isInstanceOfSatisfying(CheckResponse.Answered.class,
                answered -> assertThat(answered.status()).isEqualTo(302));
    }

    @Test
    void jsonField_isReadFromTheBody() {
        var url = serve(200, "{\"status\":\"ok\",\"build\":{\"sha\":\"abc\"}}");

        assertThat(field(probe().get(url, Map.of(), TIMEOUT, "/status"))).isEqualTo(new FieldReading.Found("ok"));
        assertThat(field(probe().get(url, Map.of(), TIMEOUT, "/build/sha"))).isEqualTo(new FieldReading.Found("abc"));
        assertThat(field(probe().get(url, Map.of(), TIMEOUT, "/version"))).isEqualTo(new FieldReading.Missing());
    }

    @Test
    void jsonFieldOfABodyThatIsNotJson_saysSo() {
        assertThat(field(probe().get(serve(200, "<html>ok</html>"), Map.of(), TIMEOUT, "/status")))
                .isEqualTo(new FieldReading.NotJson());
    }

    @Test
    void headers_areSent() {
        probe().get(serve(200, "ok"), Map.of("Authorization", "Bearer t0ken", "X-Check", "smoke"), TIMEOUT, null);

        assertThat(lastRequestHeaders()).containsEntry("authorization", "Bearer t0ken").containsEntry("x-check", "smoke");
    }

    @Test
    void slowAnswer_timesOut_andIsAbandonedAtTheTimeout() {
        var timeout = Duration.ofMillis(300);
        var url = serve(200, "late", Map.of(), Duration.ofSeconds(3));

        long started = System.nanoTime();
        var response = probe().get(url, Map.of(), timeout, null);
        var waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response).isInstanceOf(CheckResponse.TimedOut.class);
        assertThat(waited).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void nothingListening_isUnreachable() {
        assertThat(probe().get(refusingUrl(), Map.of(), TIMEOUT, null)).isInstanceOf(CheckResponse.Unreachable.class);
    }

    @Test
    void malformedUrl_isUnreachable_notAnException() {
        assertThat(probe().get("http://exa mple/health", Map.of(), TIMEOUT, null))
                .isInstanceOf(CheckResponse.Unreachable.class);
    }

    private static FieldReading field(CheckResponse response) {
        assertThat(response).isInstanceOf(CheckResponse.Answered.class);
        return ((CheckResponse.Answered) response).field();
    }
}
