package dev.shiplane.core.fakes;

import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.gate.ImageScans;
import dev.shiplane.core.gate.ScanRecords;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's scans by digest (an unknown digest is pending: a scan is configured and still running, unless the
 * test said nothing scans its repository; GHCR images are never scanned), and the results shiplane recorded from scan
 * events.
 */
public final class FakeScans implements ImageScans, ScanRecords {

    private final Map<String, ScanResult> registry = new HashMap<>();
    private final Map<String, ScanResult> recorded = new HashMap<>();
    private final Set<String> unscannedRepositories = new HashSet<>();

    /** What the registry answers for {@code digest}. */
    public synchronized FakeScans result(String digest, ScanResult result) {
        registry.put(digest, result);
        return this;
    }

    /** Nothing scans {@code repository}: its images are not configured for scanning. */
    public synchronized FakeScans notScanned(String repository) {
        unscannedRepositories.add(repository);
        return this;
    }

    @Override
    public synchronized ScanResult resultOf(ImagePush image) {
        if (image.registry() != Registry.ECR) {
            return new ScanResult.NotConfigured(image.registry().code() + " images are not scanned by ECR");
        }
        if (registry.containsKey(image.digest())) return registry.get(image.digest());
        return unscannedRepositories.contains(image.repository())
                ? new ScanResult.NotConfigured(image.repository() + " is not scanned on push")
                : new ScanResult.Pending();
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
