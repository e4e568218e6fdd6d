package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;

/** Bad props fail before synth writes anything, and the message names the value to fix. */
class WebhookBridgePropsTest {

    static Stream<Arguments> badProps() {
        return Stream.of(
                row("a timeout GitHub would not wait for", b -> b.timeout(Duration.seconds(30)), "timeout 30 s"),
                row("a body limit above Lambda's request limit", b -> b.maxBodyBytes(10L * 1024 * 1024),
                        "maxBodyBytes 10485760"),
                row("a replay window shorter than GitHub's redelivery period", b -> b.replayWindow(Duration.days(1)),
                        "replayWindow 24 h"),
                row("a secret cache that hides a rotation for hours", b -> b.secretCacheTtl(Duration.hours(2)),
                        "secretCacheTtl 7200 s"),
                row("a secret name with a space", b -> b.secretName("github webhook"), "secretName 'github webhook'"),
                row("memory below Lambda's minimum", b -> b.memorySize(64), "memorySize 64 MB"),
                row("an unknown log level", b -> b.logLevel("VERBOSE"), "logLevel 'VERBOSE'"),
                row("a GitHub token secret name with a space", b -> b.gitHubTokenSecretName("github token"),
                        "gitHubTokenSecretName 'github token'"),
                row("a GitHub API URL without a token to send it", b -> b.gitHubApiUrl("https://ghe.example.com/api/v3"),
                        "gitHubApiUrl 'https://ghe.example.com/api/v3' is set without gitHubTokenSecretName"),
                row("a GitHub API URL over plain HTTP, which would carry the token in clear",
                        b -> b.gitHubTokenSecretName("shiplane/github-token").gitHubApiUrl("http://ghe.example.com/api/v3"),
                        "gitHubApiUrl 'http://ghe.example.com/api/v3' is not an https:// URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProps")
    void badValue_isRejectedByName(String why, UnaryOperator<WebhookBridgeProps.Builder> bad, String message) {
        var valid = validBuilder();

        assertThatThrownBy(() -> bad.apply(valid).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void missingLedger_isRejectedByName() {
        assertThatThrownBy(() -> validBuilder().ledger(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ledger is required");
    }

    private static WebhookBridgeProps.Builder validBuilder() {
        var stack = new Stack(new App(), "Test");
        return WebhookBridgeProps.builder()
                .code(WebhookBridgeTest.webhookCode())
                .bus(EventBus.fromEventBusName(stack, "Bus", "shiplane"))
                .ledger(Table.fromTableName(stack, "Ledger", "ledger"));
    }

    private static Arguments row(String why, UnaryOperator<WebhookBridgeProps.Builder> bad, String message) {
        return Arguments.of(why, bad, message);
    }
}
