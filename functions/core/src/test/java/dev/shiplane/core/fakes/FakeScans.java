package dev.shiplane.core.fakes;

import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.ports.ImageScans;
import java.util.HashMap;
import java.util.Map;

/** Scan results by digest; an unknown digest is pending (a scan is configured and still running). */
public final class FakeScans implements ImageScans {

    private final Map<String, ScanResult> byDigest = new HashMap<>();

    public synchronized FakeScans result(String digest, ScanResult result) {
        byDigest.put(digest, result);
        return this;
    }

    @Override
    public synchronized ScanResult resultOf(ImagePush image) {
        return byDigest.getOrDefault(image.digest(), new ScanResult.Pending());
    }
}
