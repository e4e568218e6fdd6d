package dev.shiplane.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.runtime.StandardOutput;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What function code sees: the SLF4J API, bound to shiplane's provider through the service loader. */
class JsonLoggingProviderTest {

    @Test
    void loggerFactory_handsOutShiplanesJsonLoggers() {
        assertThat(LoggerFactory.getLogger("dev.shiplane.webhook.WebhookFunction")).isInstanceOf(JsonLogger.class);
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(JsonLoggerFactory.class);
    }

    @Test
    void mdcPutThroughTheApi_isOnTheLine() {
        var log = LoggerFactory.getLogger("dev.shiplane.webhook.WebhookFunction");

        try (var out = StandardOutput.capture()) {
            MDC.put("deliveryId", "d-1");
            try {
                log.info("delivery {}", "accepted");
            } finally {
                MDC.remove("deliveryId");
            }
            log.info("after");

            var lines = out.jsonLines();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).path("message").asText()).isEqualTo("delivery accepted");
            assertThat(lines.get(0).path("deliveryId").asText()).isEqualTo("d-1");
            assertThat(lines.get(1).has("deliveryId")).isFalse();
        }
    }
}
