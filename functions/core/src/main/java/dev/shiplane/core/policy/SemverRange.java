package dev.shiplane.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A version range in the notation npm and Cargo users know: comparators ({@code >=1.2.0 <2.0.0}), caret and tilde
 * ({@code ^1.2}, {@code ~1.2.3}), wildcards ({@code 1.x}, {@code *}), hyphen ranges ({@code 1.2 - 1.4}) and
 * alternatives joined by {@code ||}.
 *
 * <p>Pre-release versions follow npm's rule: {@code 2.0.0-rc.1} only satisfies a comparator set in which some
 * comparator names a pre-release of the same {@code 2.0.0}, unless pre-releases are included explicitly. That keeps
 * a release-candidate tag from reaching production just because {@code >=1.0.0} is numerically true for it.
 */
public final class SemverRange {

    private enum Op { LT, LTE, GT, GTE, EQ }

    private record Comparator(Op op, SemanticVersion version) {
        boolean test(SemanticVersion v) {
            int c = v.compareTo(version);
            return switch (op) {
                case LT -> c < 0;
                case LTE -> c <= 0;
                case GT -> c > 0;
                case GTE -> c >= 0;
                case EQ -> c == 0;
            };
        }
    }

    /** A partially written version such as {@code 1}, {@code 1.2}, {@code 1.x} or {@code 1.2.3-rc.1}. */
    private record Partial(Integer major, Integer minor, Integer patch, List<String> preRelease) {
        boolean complete() {
            return patch != null;
        }

        SemanticVersion floor() {
            return new SemanticVersion(orZero(major), orZero(minor), orZero(patch), preRelease, null);
        }

        private static int orZero(Integer i) {
            return i == null ? 0 : i;
        }
    }

    private static final Pattern PARTIAL = Pattern.compile(
            "v?(\\d+|[xX*])(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Pattern COMPARATOR = Pattern.compile("(<=|>=|<|>|=|\\^|~>?)?\\s*([^\\s<>=^~]\\S*)");

    private final String source;
    private final List<List<Comparator>> alternatives;

    private SemverRange(String source, List<List<Comparator>> alternatives) {
        this.source = source;
        this.alternatives = alternatives;
    }

    /** Parses a range; throws {@link IllegalArgumentException} naming the part that could not be read. */
    public static SemverRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("semver range is empty");
        }
        List<List<Comparator>> sets = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            sets.add(parseSet(alternative.trim(), text));
        }
        return new SemverRange(text.trim(), List.copyOf(sets));
    }

    public boolean test(SemanticVersion version, boolean includePreRelease) {
        for (List<Comparator> set : alternatives) {
            if (set.stream().allMatch(c -> c.test(version))
                    && (includePreRelease || !version.isPreRelease() || namesPreReleaseOf(set, version))) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesPreReleaseOf(List<Comparator> set, SemanticVersion version) {
        return set.stream().anyMatch(c -> c.version().isPreRelease() && c.version().sameCoreAs(version));
    }

    @Override
    public String toString() {
        return source;
    }

    private static List<Comparator> parseSet(String set, String whole) {
        if (set.isEmpty() || set.equals("*") || set.equalsIgnoreCase("x")) {
            return List.of(new Comparator(Op.GTE, SemanticVersion.of(0, 0, 0)));
        }
        var hyphen = set.split("\\s+-\\s+");
        if (hyphen.length == 2) {
            List<Comparator> out = new ArrayList<>();
            out.addAll(desugar(">=", partial(hyphen[0], whole)));
            out.addAll(desugar("<=", partial(hyphen[1], whole)));
            return List.copyOf(out);
        }
        List<Comparator> out = new ArrayList<>();
        var m = COMPARATOR.matcher(set);
        int consumed = 0;
        while (m.find()) {
            if (!set.substring(consumed, m.start()).isBlank()) {
                throw new IllegalArgumentException("cannot read '" + set.substring(consumed, m.start()).trim()
                        + "' in semver range '" + whole + "'");
            }
            out.addAll(desugar(m.group(1) == null ? "=" : m.group(1), partial(m.group(2), whole)));
            consumed = m.end();
        }
        if (!set.substring(consumed).isBlank()) {
            throw new IllegalArgumentException("cannot read '" + set.substring(consumed).trim()
                    + "' in semver range '" + whole + "'");
        }
        return List.copyOf(out);
    }

    private static Partial partial(String text, String whole) {
        var m = PARTIAL.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version in semver range '" + whole + "'");
        }
        Integer major = number(m.group(1));
        Integer minor = major == null ? null : number(m.group(2));
        Integer patch = minor == null ? null : number(m.group(3));
        List<String> pre = m.group(4) == null || patch == null ? List.of() : List.of(m.group(4).split("\\."));
        return new Partial(major, minor, patch, pre);
    }

    private static Integer number(String group) {
        if (group == null || group.equalsIgnoreCase("x") || group.equals("*")) {
            return null;
        }
        return Integer.parseInt(group);
    }

    /** Rewrites one written comparator into plain {@code <, <=, >, >=, =} comparators over full versions. */
    private static List<Comparator> desugar(String op, Partial p) {
        // The exclusive upper bound "-0" is the lowest pre-release of a version, so <2.0.0-0 excludes 2.0.0-rc too.
        return switch (op) {
            case "^" -> {
                SemanticVersion upper;
                if (p.major() == null) yield List.of(new Comparator(Op.GTE, SemanticVersion.of(0, 0, 0)));
                if (p.major() > 0 || p.minor() == null) upper = SemanticVersion.of(p.major() + 1, 0, 0);
                else if (p.minor() > 0 || p.patch() == null) upper = SemanticVersion.of(0, p.minor() + 1, 0);
                else upper = SemanticVersion.of(0, 0, p.patch() + 1);
                yield List.of(new Comparator(Op.GTE, p.floor()), exclusiveUpper(upper));
            }
            case "~", "~>" -> {
                if (p.major() == null) yield List.of(new Comparator(Op.GTE, SemanticVersion.of(0, 0, 0)));
                SemanticVersion upper = p.minor() == null
                        ? SemanticVersion.of(p.major() + 1, 0, 0)
                        : SemanticVersion.of(p.major(), p.minor() + 1, 0);
                yield List.of(new Comparator(Op.GTE, p.floor()), exclusiveUpper(upper));
            }
            case ">=" -> List.of(new Comparator(Op.GTE, p.floor()));
            case "<" -> List.of(p.complete() ? new Comparator(Op.LT, p.floor()) : exclusiveUpper(p.floor()));
            case ">" -> List.of(p.complete() ? new Comparator(Op.GT, p.floor()) : new Comparator(Op.GTE, nextAfter(p)));
            case "<=" -> List.of(p.complete() ? new Comparator(Op.LTE, p.floor()) : exclusiveUpper(nextAfter(p)));
            default -> p.complete()
                    ? List.of(new Comparator(Op.EQ, p.floor()))
                    : p.major() == null
                            ? List.of(new Comparator(Op.GTE, SemanticVersion.of(0, 0, 0)))
                            : List.of(new Comparator(Op.GTE, p.floor()), exclusiveUpper(nextAfter(p)));
        };
    }

    private static SemanticVersion nextAfter(Partial p) {
        if (p.major() == null) return SemanticVersion.of(0, 0, 0);
        return p.minor() == null ? SemanticVersion.of(p.major() + 1, 0, 0) : SemanticVersion.of(p.major(), p.minor() + 1, 0);
    }

    private static Comparator exclusiveUpper(SemanticVersion v) {
        return new Comparator(Op.LT, v.withPreRelease(List.of("0")));
    }
}
