package dev.shiplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The wrapper around every event-driven function: its result, its log context, its per-invocation metric. */
class EventFunctionHandlerTest {

    static final Map<String, String> ENV = Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-test");
    static final String EVENT = "{\"id\":\"7bf73129-1428-4cd3-a780-95db273d1602\",\"detail-type\":\"Image Pushed\"}";

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
        handler.handleRequest(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out,
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
            var line = logs.get(0);
            assertThat(line.path("message").asText()).isEqualTo("handling " + EVENT.length() + " bytes");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("logger").asText()).isEqualTo("dev.shiplane.test.Function");
            assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.path("function_request_id").asText()).isEqualTo("req-ok");
            assertThat(line.path("function_name").asText()).isEqualTo("shiplane-test-fn");
            assertThat(line.path("function_memory_size").asInt()).isEqualTo(1024);
            assertThat(line.path("service").asText()).isEqualTo("shiplane-test");
            assertThat(line.path("correlation_id").asText()).as("the EventBridge event's id")
                    .isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
            assertThat(line.path("cold_start").isBoolean()).isTrue();
            assertThat(logs.get(1).path("function_request_id").isTextual())
                    .as("context cleared: %s", logs.get(1)).isFalse();
            assertThat(logs.get(1).has("correlation_id")).as("context cleared: %s", logs.get(1)).isFalse();

            var metrics = out.emfLines();
            assertThat(metrics).hasSize(1);
            EmfLines.assertValid(metrics.getFirst());
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
            assertThat(logs.get(1).path("function_request_id").isTextual())
                    .as("context cleared: %s", logs.get(1)).isFalse();
            var metrics = out.emfLines();
            assertThat(metrics).hasSize(1);
            EmfLines.assertValid(metrics.getFirst());
            assertThat(metrics.getFirst().path("EventsFailed").asInt()).isEqualTo(1);
            assertThat(metrics.getFirst().has("EventsHandled")).isFalse();
        }
    }

    @Test
    void errors_carryTheirClassMessageAndStack() {
        try (var out = StandardOutput.capture()) {
            LoggerFactory.getLogger("dev.shiplane.test.Function").error("refused", new IllegalArgumentException("bad tag"));

            var error = out.logLines().getFirst().path("error");
            assertThat(error.path("name").asText()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(error.path("message").asText()).isEqualTo("bad tag");
            assertThat(error.path("stack").asText()).contains("EventFunctionHandlerTest");
        }
    }

    /**
     * Powertools sets every logger's level from POWERTOOLS_LOG_LEVEL or debug sampling ({@code setAllLevels}, as
     * here); at DEBUG the SDK's signers would log the canonical request, whose headers carry the session token.
     */
    @Test
    void atDebug_theSdksRequestSignersStillLogNothingBelowWarn() {
        try (var out = StandardOutput.capture()) {
            Configurator.setAllLevels("", Level.DEBUG);
            LoggerFactory.getLogger("software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner")
                    .debug("AWS4 Canonical Request: ... x-amz-security-token:IQoJb3JpZ2luX2VjE");
            LoggerFactory.getLogger("software.amazon.awssdk.auth.signer.Aws4Signer").debug("canonical request");
            LoggerFactory.getLogger("dev.shiplane.test.Function").debug("a shiplane debug line");
            LoggerFactory.getLogger("software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner")
                    .warn("a signer warning");

            assertThat(out.logLines()).extracting(line -> line.path("message").asText())
                    .containsExactly("a shiplane debug line", "a signer warning");
        } finally {
            Configurator.reconfigure();
        }
    }
}
