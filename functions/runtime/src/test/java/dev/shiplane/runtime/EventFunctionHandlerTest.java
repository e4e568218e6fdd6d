package dev.shiplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The wrapper around every event-driven function: its result, its log context, its per-invocation metric. */
class EventFunctionHandlerTest {

    static final Map<String, String> ENV = Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-test");

    static final class Handler extends EventFunctionHandler {
        Handler(Function<byte[], String> function, Map<String, String> env) {
            super(function, env);
        }
    }

    static String logAndAnswer(byte[] event) {
        LoggerFactory.getLogger("dev.shiplane.test.Function").info("handling {} bytes", event.length);
        return "handled";
    }

    String invoke(Handler handler, String requestId) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out,
                new TestContext("shiplane-test-fn", requestId));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void handledEvent_answersItsResult_logsInItsContext_andCountsEventsHandled() throws IOException {
        var handler = new Handler(EventFunctionHandlerTest::logAndAnswer, ENV);

        try (var out = StandardOutput.capture()) {
            assertThat(invoke(handler, "req-ok")).isEqualTo("{\"result\":\"handled\"}");
            LoggerFactory.getLogger("dev.shiplane.test.Function").info("after the invocation");

            var logs = out.logLines();
            assertThat(logs).hasSize(2);
            assertThat(logs.get(0).path("message").asText()).isEqualTo("handling 2 bytes");
            assertThat(logs.get(0).path("function_request_id").asText()).isEqualTo("req-ok");
            assertThat(logs.get(0).path("function_name").asText()).isEqualTo("shiplane-test-fn");
            assertThat(logs.get(0).path("service").asText()).isEqualTo("shiplane-test");
            assertThat(logs.get(0).path("cold_start").isBoolean()).isTrue();
            assertThat(logs.get(1).has("function_request_id")).as("context cleared: %s", logs.get(1)).isFalse();

            var metrics = out.emfLines();
            assertThat(metrics).hasSize(1);
            EmfDeliveryMetricsTest.assertValidEmf(metrics.getFirst());
            assertThat(metrics.getFirst().path("EventsHandled").asInt()).isEqualTo(1);
            assertThat(metrics.getFirst().path("Service").asText()).isEqualTo("shiplane-test");
            assertThat(metrics.getFirst().has("EventsFailed")).isFalse();
        }
    }

    @Test
    void failedEvent_propagatesTheFailure_countsEventsFailed_andClearsTheContext() {
        var failure = new IllegalStateException("ECS unavailable");
        var handler = new Handler(event -> {
            LoggerFactory.getLogger("dev.shiplane.test.Function").warn("about to fail");
            throw failure;
        }, ENV);

        try (var out = StandardOutput.capture()) {
            assertThatThrownBy(() -> invoke(handler, "req-failed")).isSameAs(failure);
            LoggerFactory.getLogger("dev.shiplane.test.Function").info("after the failure");

            var logs = out.logLines();
            assertThat(logs).hasSize(2);
            assertThat(logs.get(0).path("function_request_id").asText()).isEqualTo("req-failed");
            assertThat(logs.get(1).has("function_request_id")).as("context cleared: %s", logs.get(1)).isFalse();
            var metrics = out.emfLines();
            assertThat(metrics).hasSize(1);
            EmfDeliveryMetricsTest.assertValidEmf(metrics.getFirst());
            assertThat(metrics.getFirst().path("EventsFailed").asInt()).isEqualTo(1);
            assertThat(metrics.getFirst().has("EventsHandled")).isFalse();
        }
    }

    @Test
    void metricsDisabledInTheHandlersEnvironment_onlyLogs() throws IOException {
        var handler = new Handler(EventFunctionHandlerTest::logAndAnswer,
                Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-test", "POWERTOOLS_METRICS_DISABLED", "true"));

        try (var out = StandardOutput.capture()) {
            invoke(handler, "req-quiet");

            assertThat(out.emfLines()).isEmpty();
            assertThat(out.logLines()).hasSize(1);
        }
    }
}
