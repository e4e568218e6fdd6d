package dev.shiplane.core.gate;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.Arrays;

/** What the registry knows about an image's vulnerability scan. */
public sealed interface ScanResult {

    /**
     * The scan finished. {@code counts} is {@code null} when the scanner reported no severity counts at all (not
     * the same as a clean scan, whose counts are empty).
     */
    record Complete(Map<Severity, Integer> counts) implements ScanResult {
        public Complete {
            counts = counts == null ? null : Map.copyOf(counts);
        }

        /** {@code CRITICAL 1, HIGH 2} in severity order, highest first; {@code no findings} when clean. */
        public String summary() {
            if (counts == null) return "no severity counts";
            var text = Arrays.stream(Severity.values()).sorted(java.util.Comparator.reverseOrder())
                    .filter(s -> counts.getOrDefault(s, 0) > 0)
                    .map(s -> s + " " + counts.get(s)).collect(Collectors.joining(", "));
            return text.isEmpty() ? "no findings" : text;
        }
    }

    /** The scanner gave up ({@code FAILED}, {@code UNSUPPORTED_IMAGE}, …). */
    record Failed(String status, String description) implements ScanResult {}

    /** A scan is configured and has not finished yet. */
    record Pending() implements ScanResult {}

    /** Nothing scans this image (a repository without scanning, a registry shiplane cannot ask). */
    record NotConfigured(String why) implements ScanResult {}
}
