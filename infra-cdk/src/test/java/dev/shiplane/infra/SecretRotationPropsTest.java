package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.lambda.Code;

class SecretRotationPropsTest {

    static SecretRotationProps.Builder valid() {
        var stack = new Stack(new App(), "Props");
        return SecretRotationProps.builder()
                .code(Code.fromInline("x"))
                .bus(EventBus.fromEventBusName(stack, "Bus", "shiplane"))
                .secretIds(List.of("team/db"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no secrets", (UnaryOperator<SecretRotationProps.Builder>) b -> b.secretIds(List.of()),
                        "secretIds is empty"),
                Arguments.of("a wildcard secret id", (UnaryOperator<SecretRotationProps.Builder>) b ->
                        b.secretIds(List.of("team/*")), "secret id 'team/*' is not a Secrets Manager name or ARN"),
                Arguments.of("a schedule that is not one", (UnaryOperator<SecretRotationProps.Builder>) b ->
                        b.schedule("monthly"), "schedule 'monthly' is not an EventBridge schedule expression"),
                Arguments.of("stale limit within the timeout", (UnaryOperator<SecretRotationProps.Builder>) b ->
                        b.timeout(Duration.minutes(5)).staleAfter(Duration.minutes(5)), "staleAfter 300 s must be"),
                Arguments.of("database timeout as long as the function's", (UnaryOperator<SecretRotationProps.Builder>)
                        b -> b.databaseTimeout(Duration.minutes(2)), "databaseTimeout 120 s must be"),
                Arguments.of("too little memory", (UnaryOperator<SecretRotationProps.Builder>) b -> b.memorySize(64),
                        "memorySize 64 MB"),
                Arguments.of("unknown log level", (UnaryOperator<SecretRotationProps.Builder>) b -> b.logLevel("LOUD"),
                        "logLevel 'LOUD'"));
    }

    @ParameterizedTest(name = "{0} fails synth")
    @MethodSource("invalid")
    void invalidSettings_failWithTheValueNamed(String name, UnaryOperator<SecretRotationProps.Builder> adjust,
                                               String message) {
        assertThatThrownBy(() -> adjust.apply(valid()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void defaults_areMonthly_twoMinutes_andTenMinutesBeforeTakingOver() {
        var props = valid().build();

        assertThat(props.schedule()).isEqualTo("cron(0 0 1 * ? *)");
        assertThat(props.timeout().toSeconds()).isEqualTo(120);
        assertThat(props.staleAfter().toSeconds()).isEqualTo(600);
    }

    @Test
    void masterSecrets_thatAreAlsoManaged_areNotListedTwice() {
        var props = valid().secretIds(List.of("team/db", "team/master")).readOnlySecretIds(List.of("team/master"))
                .build();

        assertThat(props.readOnlySecretIds()).isEmpty();
    }
}
