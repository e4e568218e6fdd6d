package dev.shiplane.core.policy;

import java.util.regex.Pattern;

/** How an environment recognises the image tags it accepts. Exactly one kind is configured per environment. */
public sealed interface TagMatcher {

    /** {@code null} when the tag matches; otherwise why it does not, in words an operator can act on. */
    String mismatch(String tag);

    /** The matcher as written in configuration, for messages and {@code plan} output. */
    String describe();

    /** Tags that are semantic versions inside a range. */
    record Semver(SemverRange range, boolean includePreRelease) implements TagMatcher {
        @Override
        public String mismatch(String tag) {
            var version = SemanticVersion.parse(tag);
            if (version.isEmpty()) {
                return "tag '" + tag + "' is not a semantic version (policy semver '" + range + "')";
            }
            if (range.test(version.get(), includePreRelease)) {
                return null;
            }
            if (version.get().isPreRelease() && !includePreRelease && range.test(version.get(), true)) {
                return "tag '" + tag + "' is a pre-release and the policy does not include pre-releases";
            }
            return "tag '" + tag + "' is outside semver range '" + range + "'";
        }

        @Override
        public String describe() {
            return "semver '" + range + "'" + (includePreRelease ? " including pre-releases" : "");
        }
    }

    /** Shell-style glob over the whole tag: {@code *} any run of characters, {@code ?} one character. */
    record Glob(String glob) implements TagMatcher {
        @Override
        public String mismatch(String tag) {
            return toRegex(glob).matcher(tag).matches() ? null : "tag '" + tag + "' does not match glob '" + glob + "'";
        }

        @Override
        public String describe() {
            return "glob '" + glob + "'";
        }

        private static Pattern toRegex(String glob) {
            var regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** A Java regular expression that must match the whole tag. */
    record Regex(Pattern pattern) implements TagMatcher {
        @Override
        public String mismatch(String tag) {
            return pattern.matcher(tag).matches() ? null
                    : "tag '" + tag + "' does not match regex '" + pattern.pattern() + "'";
        }

        @Override
        public String describe() {
            return "regex '" + pattern.pattern() + "'";
        }
    }

    /** Every tag (still subject to the {@code latest} and digest-only rules of {@link TagPolicy}). */
    record AnyTag() implements TagMatcher {
        @Override
        public String mismatch(String tag) {
            return null;
        }

        @Override
        public String describe() {
            return "any tag";
        }
    }
}
