package dev.shiplane.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.outbound.PublishedEvent;
import dev.shiplane.contract.rotation.RotationTriggerParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleEventPrimingTest {

    @Test
    void thePackagedSamplesAreTheRepositorysOwn() throws Exception {
        for (var sample : SampleEventPriming.SAMPLES) {
            var packagedAt = SampleEventPriming.PACKAGED_UNDER + sample;
            try (var packaged = SampleEventPriming.class.getResourceAsStream(packagedAt)) {
                assertThat(packaged).as(sample).isNotNull();
                assertThat(packaged.readAllBytes()).as(sample)
                        .isEqualTo(Files.readAllBytes(Path.of("../../events").resolve(sample)));
            }
        }
    }

    @Test
    void everyFunctionsParserReadsEverySample() {
        // Each parser classifies what it does not act on (an ignored event) instead of refusing it, so every sample
        // exercises the envelope and JSON reading of every function; the detail readers get their own kinds.
        int all = SampleEventPriming.SAMPLES.size();
        assertThat(SampleEventPriming.parseWith(EventParser::parse)).as("EventParser").isEqualTo(all);
        assertThat(SampleEventPriming.parseWith(PublishedEvent::parse)).as("PublishedEvent").isEqualTo(all);
        assertThat(SampleEventPriming.parseWith(RotationTriggerParser::parse)).as("RotationTriggerParser")
                .isEqualTo(all);
    }

    @Test
    void aParserThatRefusesEverythingPrimesNothingAndDoesNotThrow() {
        assertThat(SampleEventPriming.parseWith(bytes -> { throw new IllegalArgumentException("not mine"); })).isZero();
    }
}
