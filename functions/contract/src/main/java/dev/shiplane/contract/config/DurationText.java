package dev.shiplane.contract.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** Durations as people write them in configuration: {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
public final class DurationText {

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");

    private DurationText() {}

    public static Duration parse(String text) {
        var m = SHAPE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 30s, 5m, 2h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
