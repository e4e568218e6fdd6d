package dev.shiplane.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a test class reports, written to {@code target/reliability/<class>.json} when it ends, for
 * scripts/reliability-report to sum into docs/RELIABILITY.md.
 */
final class Figures {

    private final String suite;
    private final Map<String, Long> counts = new TreeMap<>();

    Figures(String suite) {
        this.suite = suite;
    }

    synchronized void add(String name, long n) {
        counts.merge(name, n, Long::sum);
    }

    synchronized void write() {
        var json = new StringBuilder("{\"suite\":\"" + suite + "\"");
        counts.forEach((k, v) -> json.append(",\"").append(k).append("\":").append(v));
        json.append("}\n");
        try {
            var dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(suite + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
