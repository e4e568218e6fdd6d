package dev.shiplane.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScanGatePolicyTest {

    static final ScanGate UP_TO_MEDIUM = new ScanGate(Severity.MEDIUM, true, Duration.ofMinutes(30));
    static final ScanGate UP_TO_HIGH = new ScanGate(Severity.HIGH, true, Duration.ofMinutes(30));

    static Stream<Arguments> decisions() {
        return Stream.of(
                row("clean scan passes", UP_TO_MEDIUM, complete(Map.of()), false, "pass", "no findings"),
                row("findings at the threshold pass", UP_TO_MEDIUM,
                        complete(Map.of(Severity.MEDIUM, 4, Severity.LOW, 2)), false, "pass", "MEDIUM 4, LOW 2"),
                row("one HIGH above MEDIUM blocks", UP_TO_MEDIUM, complete(Map.of(Severity.HIGH, 1)), false, "block",
                        "HIGH 1: findings above MEDIUM"),
                row("a CRITICAL blocks even where HIGH is tolerated", UP_TO_HIGH,
                        complete(Map.of(Severity.CRITICAL, 1, Severity.HIGH, 3)), false, "block", "CRITICAL 1, HIGH 3"),
                row("zero counts above the threshold do not block", UP_TO_MEDIUM,
                        complete(Map.of(Severity.CRITICAL, 0, Severity.HIGH, 0, Severity.LOW, 1)), false, "pass",
                        "LOW 1"),
                row("UNDEFINED findings rank lowest", UP_TO_MEDIUM, complete(Map.of(Severity.UNDEFINED, 7)), false,
                        "pass", "UNDEFINED 7"),
                row("missing counts fail closed", UP_TO_MEDIUM, new ScanResult.Complete(null), false, "block",
                        "without severity counts"),
                row("a failed scan blocks", UP_TO_MEDIUM, new ScanResult.Failed("FAILED", "UnsupportedImageError"),
                        false, "block", "did not complete: FAILED (UnsupportedImageError)"),
                row("a pending scan waits", UP_TO_MEDIUM, new ScanResult.Pending(), false, "wait", ""),
                row("a scan still pending at the timeout blocks", UP_TO_MEDIUM, new ScanResult.Pending(), true,
                        "block", "no scan result within 30m"),
                row("a result arriving with the timeout still decides on the result", UP_TO_MEDIUM,
                        complete(Map.of(Severity.LOW, 1)), true, "pass", "LOW 1"),
                row("no scanner configured passes, recorded", UP_TO_MEDIUM,
                        new ScanResult.NotConfigured("monynha/web does not scan on push"), false, "pass",
                        "not scanned: monynha/web does not scan on push"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, ScanGate gate, ScanResult result, boolean deadlinePassed, String kind, String says) {
        var verdict = ScanGatePolicy.judge(gate, result, deadlinePassed);

        switch (verdict) {
            case ScanVerdict.Pass p -> {
                assertThat(kind).isEqualTo("pass");
                assertThat(p.evidence()).contains(says);
            }
            case ScanVerdict.Block b -> {
                assertThat(kind).isEqualTo("block");
                assertThat(b.reason()).contains(says);
            }
            case ScanVerdict.Wait w -> assertThat(kind).isEqualTo("wait");
        }
    }

    static ScanResult complete(Map<Severity, Integer> counts) {
        return new ScanResult.Complete(counts);
    }

    static Arguments row(String name, ScanGate gate, ScanResult result, boolean deadlinePassed, String kind,
                         String says) {
        return Arguments.of(name, gate, result, deadlinePassed, kind, says);
    }
}
