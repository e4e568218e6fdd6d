package dev.shiplane.contract.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.testkit.RepoFiles;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which environment each event acts in, and whether a stack serving only staging leaves it alone. */
class ServedEventsTest {

    static final ServedEnvironments STAGING_ONLY = ServedEnvironments.parse("staging");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("a promotion due acts in its source, served here", "shiplane/promotion-due.json",
                        Optional.empty()),
                Arguments.of("a promotion cleared acts in its target, served elsewhere",
                        "shiplane/promotion-cleared.json", Optional.of("prod is served by another account's"
                                + " delivery stack (this one serves staging)")),
                Arguments.of("a rollback request for prod is prod's stack's", "shiplane/rollback-requested.json",
                        Optional.of("prod is served by another account's delivery stack (this one serves staging)")),
                Arguments.of("a push names no environment: the deploy function narrows its targets",
                        "shiplane/image-pushed.json", Optional.empty()),
                Arguments.of("an ECR push arrives only where its events are routed", "aws/ecr-image-push.json",
                        Optional.empty()),
                Arguments.of("an alarm arrives only in its own account", "aws/cloudwatch-composite-alarm-prod-web-health.json",
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void anEventForAnEnvironmentServedElsewhere_isLeftAlone(String description, String sample,
                                                           Optional<String> expected) {
        var event = EventParser.parse(RepoFiles.bytes("events/" + sample));

        assertThat(ServedEvents.notServed(STAGING_ONLY, event)).isEqualTo(expected);
        assertThat(ServedEvents.notServed(ServedEnvironments.all(), event)).isEmpty();
    }
}
