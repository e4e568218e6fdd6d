package dev.shiplane.core.fakes;

import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.ports.ImageScans;
import dev.shiplane.core.ports.ScanRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's scans by digest (an unknown digest is pending: a scan is configured and still running), and the
 * results shiplane recorded from scan events.
 */
public final class FakeScans implements ImageScans, ScanRecords {

    private final Map<String, ScanResult> registry = new HashMap<>();
    private final Map<String, ScanResult> recorded = new HashMap<>();

    /** What the registry answers for {@code digest}. */
    public synchronized FakeScans result(String digest, ScanResult result) {
        registry.put(digest, result);
        return this;
    }

    @Override
    public synchronized ScanResult resultOf(ImagePush image) {
        return registry.getOrDefault(image.digest(), new ScanResult.Pending());
    }

    @Override
    public synchronized void record(ImageScanned scan) {
        recorded.put(scan.repository() + "@" + scan.digest(), scan.result());
    }

    @Override
    public synchronized Optional<ScanResult> find(String repository, String digest) {
        return Optional.ofNullable(recorded.get(repository + "@" + digest));
    }
}
