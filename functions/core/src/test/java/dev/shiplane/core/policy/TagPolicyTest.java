package dev.shiplane.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.SkipReason;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagPolicyTest {

    private static TagPolicy semver(String range) {
        return new TagPolicy(new TagMatcher.Semver(SemverRange.parse(range), false), false, false);
    }

    private static TagPolicy semverWithPre(String range) {
        return new TagPolicy(new TagMatcher.Semver(SemverRange.parse(range), true), false, false);
    }

    private static final TagPolicy GLOB = new TagPolicy(new TagMatcher.Glob("release-*"), false, false);
    private static final TagPolicy REGEX = new TagPolicy(new TagMatcher.Regex(Pattern.compile("v\\d+\\.\\d+")), false, false);
    private static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    private static final TagPolicy ANY_WITH_LATEST = new TagPolicy(new TagMatcher.AnyTag(), true, false);
    private static final TagPolicy ANY_UNTAGGED = new TagPolicy(new TagMatcher.AnyTag(), false, true);

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("stable release inside >=1.0.0", semver(">=1.0.0"), "1.4.2", null),
                Arguments.of("v-prefixed tag is read as semver", semver(">=1.0.0"), "v1.4.2", null),
                Arguments.of("below the floor", semver(">=1.0.0"), "0.9.9", SkipReason.POLICY),
                Arguments.of("pre-release refused without includePrerelease", semver(">=1.0.0"), "2.1.0-rc.1", SkipReason.POLICY),
                Arguments.of("pre-release admitted with includePrerelease", semverWithPre(">=1.0.0"), "2.1.0-rc.1", null),
                Arguments.of("pre-release admitted when range names same core pre-release", semver(">=2.1.0-rc.0 <3.0.0"), "2.1.0-rc.1", null),
                Arguments.of("pre-release of other core refused even if range names one", semver(">=2.1.0-rc.0"), "2.2.0-rc.1", SkipReason.POLICY),
                Arguments.of("caret keeps major", semver("^1.2.0"), "1.9.0", null),
                Arguments.of("caret refuses next major", semver("^1.2.0"), "2.0.0", SkipReason.POLICY),
                Arguments.of("caret on 0.x keeps minor", semver("^0.2.3"), "0.3.0", SkipReason.POLICY),
                Arguments.of("tilde keeps minor", semver("~1.4.0"), "1.4.9", null),
                Arguments.of("tilde refuses next minor", semver("~1.4.0"), "1.5.0", SkipReason.POLICY),
                Arguments.of("x-range", semver("1.x"), "1.99.0", null),
                Arguments.of("x-range upper edge", semver("1.x"), "2.0.0", SkipReason.POLICY),
                Arguments.of("hyphen range inclusive upper", semver("1.2 - 1.4.5"), "1.4.5", null),
                Arguments.of("hyphen range partial upper", semver("1.2 - 1.4"), "1.4.9", null),
                Arguments.of("hyphen range above", semver("1.2 - 1.4"), "1.5.0", SkipReason.POLICY),
                Arguments.of("alternatives", semver("^1.0.0 || ^3.0.0"), "3.1.0", null),
                Arguments.of("alternatives gap", semver("^1.0.0 || ^3.0.0"), "2.1.0", SkipReason.POLICY),
                Arguments.of("exclusive greater-than on partial", semver(">1.2"), "1.2.9", SkipReason.POLICY),
                Arguments.of("exclusive greater-than on partial passes next minor", semver(">1.2"), "1.3.0", null),
                Arguments.of("build metadata ignored", semver("=1.4.2"), "1.4.2+build.7", null),
                Arguments.of("not a version under semver policy", semver(">=1.0.0"), "main-abc123", SkipReason.POLICY),
                Arguments.of("latest refused by default", ANY, "latest", SkipReason.POLICY),
                Arguments.of("latest admitted when allowed", ANY_WITH_LATEST, "latest", null),
                Arguments.of("digest-only refused by default", ANY, null, SkipReason.NO_TAG),
                Arguments.of("blank tag is digest-only", ANY, " ", SkipReason.NO_TAG),
                Arguments.of("digest-only admitted when allowed", ANY_UNTAGGED, null, null),
                Arguments.of("glob matches", GLOB, "release-2026.11", null),
                Arguments.of("glob is anchored", GLOB, "prerelease-1", SkipReason.POLICY),
                Arguments.of("regex matches whole tag", REGEX, "v1.4", null),
                Arguments.of("regex does not match a prefix", REGEX, "v1.4.2", SkipReason.POLICY),
                Arguments.of("any tag", ANY, "feature-x", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void admits(String description, TagPolicy policy, String tag, SkipReason expectedRejection) {
        var verdict = policy.admits(tag);
        if (expectedRejection == null) {
            assertThat(verdict).isInstanceOf(TagVerdict.Admitted.class);
        } else {
            assertThat(verdict).isInstanceOfSatisfying(TagVerdict.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(expectedRejection));
            assertThat(verdict.explanation()).isNotBlank();
        }
    }
}
