package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.gate.ImageScans;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageScans} must do; run against {@link FakeScans} (core) and ECR on the emulator (aws). How ECR's
 * severity labels map to counts (enhanced scanning's UNTRIAGED is dropped) is the adapter's detail, proven in aws's
 * {@code EcrImageScansTest}.
 */
public abstract class ImageScansContract {

    protected abstract ImageScans scans();

    /** An image pushed to {@code repository}, which a registry rule scans on push or which nothing scans. */
    protected abstract ImagePush givenImage(String repository, boolean scannedOnPush);

    /** The registry finished scanning {@code image} with {@code result} ({@link ScanResult.Complete} or {@link ScanResult.Failed}). */
    protected abstract void givenScanFinished(ImagePush image, ScanResult result);

    @Test
    void scannedOnPush_withoutAResultYet_isPending() {
        var image = givenImage("monynha/web", true);

        assertThat(scans().resultOf(image)).isEqualTo(new ScanResult.Pending());
    }

    @Test
    void repositoryNothingScans_isNotConfigured() {
        var image = givenImage("monynha/web", false);

        assertThat(scans().resultOf(image)).isInstanceOf(ScanResult.NotConfigured.class);
    }

    @Test
    void finishedScan_isCompleteWithItsCounts() {
        var image = givenImage("monynha/web", true);
        var counts = Map.of(Severity.CRITICAL, 1, Severity.HIGH, 2);
        givenScanFinished(image, new ScanResult.Complete(counts));

        assertThat(scans().resultOf(image)).isEqualTo(new ScanResult.Complete(counts));
    }

    @Test
    void failedScan_isFailedWithStatusAndDescription() {
        var image = givenImage("monynha/web", true);
        givenScanFinished(image, new ScanResult.Failed("FAILED", "UnsupportedImageError"));

        assertThat(scans().resultOf(image)).isEqualTo(new ScanResult.Failed("FAILED", "UnsupportedImageError"));
    }

    @Test
    void results_belongToTheirImage() {
        var scanned = givenImage("monynha/web", true);
        var next = givenImage("monynha/web", true);
        givenScanFinished(scanned, new ScanResult.Complete(Map.of()));

        assertThat(scans().resultOf(next)).isEqualTo(new ScanResult.Pending());
    }

    @Test
    void ghcrImage_isNotScannedByTheRegistryScanner() {
        var image = new ImagePush("p1", Registry.GHCR, "ghcr.io", "monynha/monynha/web", "1.6.0",
                "sha256:" + "6c".repeat(32), Instant.parse("2026-11-26T13:00:00Z"));

        assertThat(scans().resultOf(image)).isInstanceOf(ScanResult.NotConfigured.class);
    }
}
