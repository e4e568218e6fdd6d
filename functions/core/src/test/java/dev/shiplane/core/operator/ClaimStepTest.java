package dev.shiplane.core.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimStepTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final RequestClaim.Done ROLLED_BACK = new RequestClaim.Done("accepted", "Rollback Requested");

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("a request id nobody claimed is carried out", Optional.empty(),
                        new ClaimStep.CarryOut()),
                Arguments.of("a request answered before is answered as a repeat",
                        Optional.of(ROLLED_BACK), new ClaimStep.AnswerRepeated(ROLLED_BACK)),
                Arguments.of("a refused request answered before is a repeat too",
                        Optional.of(new RequestClaim.Done("refused", "Request Refused")),
                        new ClaimStep.AnswerRepeated(new RequestClaim.Done("refused", "Request Refused"))),
                Arguments.of("a claim whose lease runs on may still be carried out: retry after the lease",
                        Optional.of(new RequestClaim.InProgress(NOW.plusSeconds(30))),
                        new ClaimStep.AnswerInProgress(NOW.plusSeconds(30))),
                Arguments.of("a lease ending one millisecond from now still protects its holder",
                        Optional.of(new RequestClaim.InProgress(NOW.plusMillis(1))),
                        new ClaimStep.AnswerInProgress(NOW.plusMillis(1))),
                Arguments.of("a lease ending now has ended: its invocation crashed or timed out, take it over",
                        Optional.of(new RequestClaim.InProgress(NOW)), new ClaimStep.TakeOver(NOW)),
                Arguments.of("a lease that ended a minute ago is taken over, conditional on that lease",
                        Optional.of(new RequestClaim.InProgress(NOW.minusSeconds(60))),
                        new ClaimStep.TakeOver(NOW.minusSeconds(60))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void decide(String description, Optional<RequestClaim> found, ClaimStep expected) {
        assertThat(ClaimStep.decide(found, NOW)).isEqualTo(expected);
    }
}
