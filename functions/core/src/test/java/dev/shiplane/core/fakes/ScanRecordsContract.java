package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.gate.ScanRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ScanRecords} must do; run against the fake (core) and DynamoDB on the emulator (aws). */
public abstract class ScanRecordsContract {

    protected abstract ScanRecords records();

    static final String DIGEST = "sha256:" + "6c".repeat(32);
    static final Instant AT = Instant.parse("2026-11-26T13:01:20Z");

    static ImageScanned scan(ScanResult result) {
        return new ImageScanned("monynha/web", DIGEST, List.of("1.6.0"), result, AT);
    }

    @Test
    void unknownImage_hasNoRecord() {
        assertThat(records().find("monynha/web", DIGEST)).isEmpty();
    }

    @Test
    void completedScan_isFoundWithItsCounts() {
        var counts = Map.of(Severity.CRITICAL, 1, Severity.HIGH, 2, Severity.UNDEFINED, 3);
        records().record(scan(new ScanResult.Complete(counts)));

        assertThat(records().find("monynha/web", DIGEST)).contains(new ScanResult.Complete(counts));
        assertThat(records().find("monynha/api", DIGEST)).isEmpty();
    }

    @Test
    void cleanScan_andScanWithoutCounts_stayDistinct() {
        records().record(scan(new ScanResult.Complete(Map.of())));
        assertThat(records().find("monynha/web", DIGEST)).contains(new ScanResult.Complete(Map.of()));

        records().record(scan(new ScanResult.Complete(null)));
        assertThat(records().find("monynha/web", DIGEST)).contains(new ScanResult.Complete(null));
    }

    @Test
    void rescan_replacesTheResult() {
        records().record(scan(new ScanResult.Failed("FAILED", "UnsupportedImageError")));
        assertThat(records().find("monynha/web", DIGEST))
                .contains(new ScanResult.Failed("FAILED", "UnsupportedImageError"));

        records().record(scan(new ScanResult.Complete(Map.of(Severity.LOW, 1))));
        assertThat(records().find("monynha/web", DIGEST)).contains(new ScanResult.Complete(Map.of(Severity.LOW, 1)));
    }
}
