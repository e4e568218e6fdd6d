package dev.shiplane.core.policy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version. A leading {@code v} is tolerated because image tags are often written
 * {@code v1.4.2}; build metadata is kept but, as the specification says, ignored for precedence.
 */
public record SemanticVersion(int major, int minor, int patch, List<String> preRelease, String build)
        implements Comparable<SemanticVersion> {

    private static final Pattern SHAPE = Pattern.compile(
            "v?(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    public SemanticVersion {
        preRelease = List.copyOf(preRelease);
    }

    public static SemanticVersion of(int major, int minor, int patch) {
        return new SemanticVersion(major, minor, patch, List.of(), null);
    }

    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return Optional.of(new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), pre, m.group(5)));
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    public boolean sameCoreAs(SemanticVersion other) {
        return major == other.major && minor == other.minor && patch == other.patch;
    }

    SemanticVersion withPreRelease(List<String> identifiers) {
        return new SemanticVersion(major, minor, patch, identifiers, null);
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c != 0) return c;
        // A version without pre-release identifiers has higher precedence than one with them.
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
            c = compareIdentifier(preRelease.get(i), o.preRelease.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(preRelease.size(), o.preRelease.size());
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumeric = a.chars().allMatch(Character::isDigit);
        boolean bNumeric = b.chars().allMatch(Character::isDigit);
        if (aNumeric && bNumeric) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1; // numeric identifiers have lower precedence
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        var s = major + "." + minor + "." + patch;
        if (isPreRelease()) s += "-" + String.join(".", preRelease);
        if (build != null) s += "+" + build;
        return s;
    }
}
