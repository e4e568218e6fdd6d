package dev.shiplane.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.notify.NotifyOutcome.Delivery;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The log line of each notification outcome is the text the notify function has always logged. */
class NotifyOutcomeTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("an event nobody is told about", new NotifyOutcome.Silent("Image Pushed"),
                        "silent: Image Pushed is not announced"),
                Arguments.of("published and posted at once",
                        new NotifyOutcome.Announced("Deployment Rolled Back", new Delivery.Published(),
                                new Delivery.Posted(1)),
                        "Deployment Rolled Back: topic published, slack posted"),
                Arguments.of("posted after a retry names the attempt",
                        new NotifyOutcome.Announced("Deployment Rolled Back", new Delivery.Published(),
                                new Delivery.Posted(2)),
                        "Deployment Rolled Back: topic published, slack posted (attempt 2)"),
                Arguments.of("a redelivery finds both channels sent",
                        new NotifyOutcome.Announced("Deployment Started", new Delivery.SentBefore(),
                                new Delivery.SentBefore()),
                        "Deployment Started: topic duplicate (sent before), slack duplicate (sent before)"),
                Arguments.of("a message Slack refuses is dropped with the reason",
                        new NotifyOutcome.Announced("Deployment Started", new Delivery.Published(),
                                new Delivery.Dropped("rejected with 404: no_service")),
                        "Deployment Started: topic published, slack dropped: rejected with 404: no_service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textIsTheLogLine(String description, NotifyOutcome outcome, String expected) {
        assertThat(outcome.text()).isEqualTo(expected);
    }
}
