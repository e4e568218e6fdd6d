package dev.shiplane.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.runtime.StandardOutput;
import dev.shiplane.runtime.TestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

/** The log line as CloudWatch Logs and Logs Insights read it: one JSON object per line on standard output. */
class JsonLoggerTest {

    static final Clock NOON = Clock.fixed(Instant.parse("2026-01-01T12:00:00.042Z"), ZoneOffset.UTC);
    static final String SHIPLANE = "dev.shiplane.deploy.DeployFunction";
    static final String SDK = "software.amazon.awssdk.request";

    final BasicMDCAdapter mdc = new BasicMDCAdapter();

    @AfterEach
    void noTraceHeaderLeft() {
        System.clearProperty(InvocationContext.TRACE_PROPERTY);
    }

    Logger logger(String name, Map<String, String> env) {
        return new JsonLoggerFactory(env, mdc, NOON).getLogger(name);
    }

    List<JsonNode> logged(Consumer<StandardOutput> calls) {
        try (var out = StandardOutput.capture()) {
            calls.accept(out);
            return out.jsonLines();
        }
    }

    @Test
    void aLine_hasTimestampLevelLoggerMessageAndService() {
        var log = logger(SHIPLANE, Map.of("POWERTOOLS_SERVICE_NAME", "shiplane-deploy"));

        var lines = logged(out -> log.info("deployed {} to {}", "web:1.4.2", "prod"));

        assertThat(lines).hasSize(1);
        var line = lines.getFirst();
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-01-01T12:00:00.042Z");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger").asText()).isEqualTo(SHIPLANE);
        assertThat(line.path("message").asText()).isEqualTo("deployed web:1.4.2 to prod");
        assertThat(line.path("service").asText()).isEqualTo("shiplane-deploy");
        assertThat(line.has("function_request_id")).as("outside an invocation: %s", line).isFalse();
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void withoutServiceName_serviceIsPowertoolsPlaceholder() {
        var lines = logged(out -> logger(SHIPLANE, Map.of()).warn("no name"));

        assertThat(lines.getFirst().path("service").asText()).isEqualTo("service_undefined");
    }

    /** Loggers by role, so the table below stays readable. */
    static final Map<String, String> LOGGERS = Map.of(
            "shiplane", SHIPLANE,
            "sdk", SDK,
            "library", "org.testcontainers.DockerClientFactory",
            "signer", "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
            "old signer", "software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            default INFO: shiplane's INFO is written            | -     | -     | shiplane   | INFO  | true
            default INFO: shiplane's DEBUG is dropped           | -     | -     | shiplane   | DEBUG | false
            default INFO: the SDK's INFO is dropped             | -     | -     | sdk        | INFO  | false
            default INFO: the SDK's WARN is written             | -     | -     | sdk        | WARN  | true
            default INFO: another library's INFO is dropped     | -     | -     | library    | INFO  | false
            DEBUG: shiplane's DEBUG is written                  | DEBUG | -     | shiplane   | DEBUG | true
            DEBUG: shiplane's TRACE is dropped                  | DEBUG | -     | shiplane   | TRACE | false
            DEBUG asks for the SDK's DEBUG too                  | DEBUG | -     | sdk        | DEBUG | true
            TRACE: the SDK's TRACE is written                   | TRACE | -     | sdk        | TRACE | true
            DEBUG keeps the SDK's signer quiet (session token)  | DEBUG | -     | signer     | DEBUG | false
            TRACE keeps the older signer quiet too              | TRACE | -     | old signer | DEBUG | false
            the signer's WARN is still written                  | DEBUG | -     | signer     | WARN  | true
            WARN: shiplane's INFO is dropped                    | WARN  | -     | shiplane   | INFO  | false
            ERROR: the SDK's WARN is dropped                    | ERROR | -     | sdk        | WARN  | false
            ERROR: shiplane's ERROR is written                  | ERROR | -     | shiplane   | ERROR | true
            lower case is understood                            | debug | -     | shiplane   | DEBUG | true
            FATAL (Lambda's name) means ERROR                   | FATAL | -     | shiplane   | WARN  | false
            an unknown level falls back to INFO                 | LOUD  | -     | shiplane   | INFO  | true
            Lambda's AWS_LAMBDA_LOG_LEVEL applies when unset    | -     | DEBUG | shiplane   | DEBUG | true
            POWERTOOLS_LOG_LEVEL wins over AWS_LAMBDA_LOG_LEVEL | WARN  | DEBUG | shiplane   | INFO  | false
            """)
    void levels(String rule, String level, String lambdaLevel, String role, Level call, boolean written) {
        var env = new HashMap<String, String>();
        if (level != null) env.put("POWERTOOLS_LOG_LEVEL", level);
        if (lambdaLevel != null) env.put("AWS_LAMBDA_LOG_LEVEL", lambdaLevel);
        var log = logger(LOGGERS.get(role), env);

        var lines = logged(out -> {
            switch (call) {
                case TRACE -> log.trace("at {}", call);
                case DEBUG -> log.debug("at {}", call);
                case INFO -> log.info("at {}", call);
                case WARN -> log.warn("at {}", call);
                case ERROR -> log.error("at {}", call);
            }
        });

        assertThat(log.isEnabledForLevel(call)).isEqualTo(written);
        assertThat(lines).hasSize(written ? 1 : 0);
        if (written) assertThat(lines.getFirst().path("level").asText()).isEqualTo(call.name());
    }

    @Test
    void belowTheLevel_argumentsAreNeverFormatted() {
        var log = logger(SHIPLANE, Map.of());
        var formatted = new boolean[1];
        var expensive = new Object() {
            @Override
            public String toString() {
                formatted[0] = true;
                return "expensive";
            }
        };

        var lines = logged(out -> log.debug("state {}", expensive));

        assertThat(lines).isEmpty();
        assertThat(formatted[0]).isFalse();
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("no placeholder, no argument", "plain", new Object[0], "plain"),
                Arguments.of("a placeholder without argument stays", "left {} as is", new Object[0], "left {} as is"),
                Arguments.of("one argument", "deployed {}", new Object[] {"web"}, "deployed web"),
                Arguments.of("three arguments (varargs)", "{} {} in {}", new Object[] {"web", "1.4.2", "prod"},
                        "web 1.4.2 in prod"),
                Arguments.of("an escaped placeholder is literal", "literal \\{} then {}", new Object[] {"x"},
                        "literal {} then x"),
                Arguments.of("more arguments than placeholders", "only {}", new Object[] {"a", "b"}, "only a"),
                Arguments.of("a null argument", "value {}", new Object[] {null}, "value null"),
                Arguments.of("an array argument", "steps {}", new Object[] {new int[] {10, 50, 100}},
                        "steps [10, 50, 100]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void messageSubstitution(String rule, String pattern, Object[] arguments, String message) {
        var log = logger(SHIPLANE, Map.of());

        var lines = logged(out -> log.info(pattern, arguments));

        assertThat(lines.getFirst().path("message").asText()).isEqualTo(message);
    }

    static Stream<Arguments> escaping() {
        return Stream.of(
                Arguments.of("double quotes", "tag \"latest\" refused"),
                Arguments.of("a backslash", "C:\\temp"),
                Arguments.of("newlines and carriage returns", "line one\nline two\r\nline three"),
                Arguments.of("tabs and other control characters", "a\tb\u0000c\u0007d\u001be"),
                Arguments.of("non-ASCII text", "déployé ✓ 配置"),
                Arguments.of("something that looks like JSON", "\"},{\"level\":\"ERROR\""));
    }

    @ParameterizedTest(name = "{0} stay inside one line")
    @MethodSource("escaping")
    void escaping_keepsEachCallOneLine_andTheTextIntact(String rule, String text) {
        var log = logger(SHIPLANE, Map.of());

        try (var out = StandardOutput.capture()) {
            log.info("got {}", text);
            log.info("next");

            assertThat(out.text().lines()).hasSize(2);
            assertThat(out.jsonLines().getFirst().path("message").asText()).isEqualTo("got " + text);
        }
    }

    @Test
    void aThrowable_isTheErrorField_withClassMessageAndWholeStackAsOneString() {
        var log = logger(SHIPLANE, Map.of());
        var cause = new IllegalArgumentException("bad \"digest\"\nsecond line");
        var failure = new IllegalStateException("UpdateService refused", cause);

        var lines = logged(out -> log.error("deploy of {} failed", "web", failure));

        assertThat(lines).hasSize(1);
        var line = lines.getFirst();
        assertThat(line.path("message").asText()).as("the throwable is not a placeholder argument")
                .isEqualTo("deploy of web failed");
        var error = line.path("error");
        assertThat(error.path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("message").asText()).isEqualTo("UpdateService refused");
        assertThat(error.path("stack").isTextual()).isTrue();
        assertThat(error.path("stack").asText())
                .startsWith("java.lang.IllegalStateException: UpdateService refused\n")
                .contains("\tat dev.shiplane.runtime.logging.JsonLoggerTest.")
                .contains("Caused by: java.lang.IllegalArgumentException: bad \"digest\"\nsecond line");
    }

    @Test
    void aThrowableWithoutMessage_hasNoMessageMember() {
        var lines = logged(out -> logger(SHIPLANE, Map.of()).warn("retrying", new NullPointerException()));

        var error = lines.getFirst().path("error");
        assertThat(error.path("name").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(error.has("message")).isFalse();
        assertThat(error.path("stack").asText()).startsWith("java.lang.NullPointerException");
    }

    @Test
    void duringAnInvocation_linesCarryItsContext_andAfterItNoLonger() {
        InvocationContext.resetColdStart();
        System.setProperty(InvocationContext.TRACE_PROPERTY,
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        var log = logger(SHIPLANE, Map.of("POWERTOOLS_SERVICE_NAME", "from-process"));

        var lines = logged(out -> {
            try (var _ = InvocationContext.begin(new TestContext("shiplane-deploy-fn", "req-1"), "shiplane-deploy")) {
                log.info("first");
            }
            log.info("between");
            try (var _ = InvocationContext.begin(new TestContext("shiplane-deploy-fn", "req-2"), "shiplane-deploy")) {
                log.info("second");
            }
        });

        assertThat(lines).hasSize(3);
        var first = lines.get(0);
        assertThat(first.path("function_request_id").asText()).isEqualTo("req-1");
        assertThat(first.path("function_name").asText()).isEqualTo("shiplane-deploy-fn");
        assertThat(first.path("function_version").asText()).isEqualTo("7");
        assertThat(first.path("function_arn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:shiplane-deploy-fn:live");
        assertThat(first.path("function_memory_size").asInt()).isEqualTo(1024);
        assertThat(first.path("cold_start").isBoolean()).isTrue();
        assertThat(first.path("cold_start").asBoolean()).as("the JVM's first invocation").isTrue();
        assertThat(first.path("xray_trace_id").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(first.path("service").asText()).as("the handler's service name").isEqualTo("shiplane-deploy");

        var between = lines.get(1);
        for (var field : List.of("function_request_id", "function_name", "cold_start", "xray_trace_id")) {
            assertThat(between.has(field)).as("%s after the invocation: %s", field, between).isFalse();
        }
        assertThat(between.path("service").asText()).isEqualTo("from-process");

        var second = lines.get(2);
        assertThat(second.path("function_request_id").asText()).isEqualTo("req-2");
        assertThat(second.path("cold_start").asBoolean()).as("a warm invocation").isFalse();
    }

    @Test
    void withoutTraceHeader_thereIsNoTraceField() {
        var log = logger(SHIPLANE, Map.of());

        var lines = logged(out -> {
            try (var _ = InvocationContext.begin(new TestContext("fn", "req"), null)) {
                log.info("untraced");
            }
        });

        // The environment variable may be set where the tests run; only the property is under the test's control.
        if (System.getenv(InvocationContext.TRACE_ENV) == null) {
            assertThat(lines.getFirst().has("xray_trace_id")).isFalse();
        }
        assertThat(lines.getFirst().path("service").asText()).isEqualTo("service_undefined");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            Lambda's header | Root=1-5759e988-bd862e3fe1be46a9;Parent=53995c3f;Sampled=1 | 1-5759e988-bd862e3fe1be46a9
            root not first  | Parent=53995c3f;Root=1-abc;Sampled=0                       | 1-abc
            no root         | Parent=53995c3f;Sampled=0                                  | -
            blank           | " "                                                        | -
            """)
    void traceId_isTheHeadersRoot(String rule, String header, String traceId) {
        assertThat(InvocationContext.traceId(header)).isEqualTo(traceId);
    }

    @Test
    void mdcEntries_areFields_butNeverReplaceTheLinesOwn() {
        var log = logger(SHIPLANE, Map.of());
        mdc.put("deliveryId", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        mdc.put("level", "forged");

        var lines = logged(out -> log.info("delivery"));

        mdc.clear();
        assertThat(lines.getFirst().path("deliveryId").asText()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(lines.getFirst().path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void standardOutput_isLookedUpAtEachCall() {
        var log = logger(SHIPLANE, Map.of());

        List<JsonNode> inner;
        List<JsonNode> outer;
        try (var first = StandardOutput.capture()) {
            log.info("to the first");
            try (var second = StandardOutput.capture()) {
                log.info("to the second");
                inner = second.jsonLines();
            }
            log.info("to the first again");
            outer = first.jsonLines();
        }

        assertThat(inner).extracting(line -> line.path("message").asText()).containsExactly("to the second");
        assertThat(outer).extracting(line -> line.path("message").asText())
                .containsExactly("to the first", "to the first again");
    }
}
