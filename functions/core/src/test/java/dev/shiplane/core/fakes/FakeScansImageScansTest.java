package dev.shiplane.core.fakes;

import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.gate.ImageScans;
import java.time.Instant;

class FakeScansImageScansTest extends ImageScansContract {

    private final FakeScans scans = new FakeScans();
    private int pushed;

    @Override
    protected ImageScans scans() {
        return scans;
    }

    @Override
    protected ImagePush givenImage(String repository, boolean scannedOnPush) {
        if (!scannedOnPush) scans.notScanned(repository);
        return new ImagePush("p" + (++pushed), Registry.ECR, "123456789012.dkr.ecr.us-east-1.amazonaws.com",
                repository, "1.6." + pushed, "sha256:" + "%064x".formatted(pushed), Instant.parse("2026-11-26T13:00:00Z"));
    }

    @Override
    protected void givenScanFinished(ImagePush image, ScanResult result) {
        scans.result(image.digest(), result);
    }
}
