package dev.shiplane.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.policy.SemverRange;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which tag a delivery deploys under, given the environments' policies and the tags GitHub reports. */
class VersionTagChoiceTest {

    static final TagPolicy STAGING = new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=0.1.0"), true), false,
            false);
    static final TagPolicy STABLE = new TagPolicy(new TagMatcher.Semver(SemverRange.parse(">=1.0.0"), false), false,
            false);
    static final TagPolicy V_GLOB = new TagPolicy(new TagMatcher.Glob("v*"), false, false);
    static final TagPolicy RELEASE_REGEX = new TagPolicy(new TagMatcher.Regex(Pattern.compile("release-\\d+")), false,
            false);
    static final TagPolicy ANY_BUT_LATEST = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final TagPolicy ANY_WITH_LATEST = new TagPolicy(new TagMatcher.AnyTag(), true, false);

    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of("no environment takes the image: nothing to ask", List.of(), "latest", false),
                Arguments.of("the delivered tag is admitted: nothing to ask", List.of(STAGING), "1.6.0", false),
                Arguments.of("latest is refused by the policy: ask", List.of(STAGING), "latest", true),
                Arguments.of("a commit sha is not a version: ask", List.of(STAGING), "8f14e45", true),
                Arguments.of("untagged: always ask, the webhook never deploys by digest alone",
                        List.of(new TagPolicy(new TagMatcher.AnyTag(), false, true)), null, true),
                Arguments.of("one of two environments admits the tag: nothing to ask", List.of(STABLE, STAGING),
                        "1.6.0-rc.1", false),
                Arguments.of("latest where a policy allows it: nothing to ask", List.of(ANY_WITH_LATEST), "latest",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void needsLookup(String description, List<TagPolicy> policies, String delivered, boolean expected) {
        assertThat(VersionTagChoice.needsLookup(policies, delivered)).isEqualTo(expected);
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("latest and the version tag: the version tag", List.of(STAGING),
                        List.of("latest", "1.6.0"), "1.6.0"),
                Arguments.of("commit sha, branch and version tags: the version tag", List.of(STAGING),
                        List.of("sha-8f14e45", "main", "1.6.0"), "1.6.0"),
                Arguments.of("several versions: the highest by semantic precedence, not text", List.of(STAGING),
                        List.of("1.9.0", "1.10.0", "1.2.0"), "1.10.0"),
                Arguments.of("a release and its candidate: the release", List.of(STAGING),
                        List.of("2.0.0-rc.1", "2.0.0"), "2.0.0"),
                Arguments.of("a candidate only, where pre-releases are admitted", List.of(STAGING),
                        List.of("latest", "2.0.0-rc.1"), "2.0.0-rc.1"),
                Arguments.of("a candidate only, where only releases are admitted", List.of(STABLE),
                        List.of("latest", "2.0.0-rc.1"), "none"),
                Arguments.of("v-prefixed versions rank as versions", List.of(V_GLOB),
                        List.of("v1.10.0", "v1.9.0", "latest"), "v1.10.0"),
                Arguments.of("two spellings of one version: the order is still total", List.of(ANY_BUT_LATEST),
                        List.of("1.6.0", "v1.6.0"), "v1.6.0"),
                Arguments.of("versions outrank other admitted tags", List.of(ANY_BUT_LATEST),
                        List.of("zzz-branch", "1.6.0", "latest"), "1.6.0"),
                Arguments.of("tags that are not versions compare as text", List.of(RELEASE_REGEX),
                        List.of("release-41", "release-42", "nightly"), "release-42"),
                Arguments.of("what any one policy admits counts", List.of(STABLE, V_GLOB),
                        List.of("v0.9.0", "latest"), "v0.9.0"),
                Arguments.of("latest stays refused where the policy refuses it", List.of(ANY_BUT_LATEST),
                        List.of("latest"), "none"),
                Arguments.of("a platform manifest: no tags", List.of(STAGING), List.of(), "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void choose(String description, List<TagPolicy> policies, List<String> versionTags, String expected) {
        var chosen = switch (VersionTagChoice.choose(policies, "latest", versionTags)) {
            case TagChoice.Chosen c -> c.tag();
            case TagChoice.NoneAdmitted n -> "none";
        };

        assertThat(chosen).isEqualTo(expected);
    }

    static Stream<Arguments> explanations() {
        return Stream.of(
                Arguments.of("a choice says what was delivered, what GitHub reported and which policy admits it",
                        "latest", List.of("latest", "1.6.0"), "delivered as 'latest'; GitHub reports the version's"
                                + " tags as ['latest', '1.6.0']: '1.6.0' is the highest admitted by semver '>=1.0.0'"),
                Arguments.of("a skip names the tags GitHub reported", "sha-8f14e45", List.of("sha-8f14e45", "main"),
                        "GitHub reports the version's tags as ['sha-8f14e45', 'main'] (delivered as 'sha-8f14e45');"
                                + " none is admitted by semver '>=1.0.0'"),
                Arguments.of("an untagged delivery says so", null, List.of(), "GitHub reports no tags for the"
                        + " version (delivered without a tag); none is admitted by semver '>=1.0.0'"),
                Arguments.of("a long list is cut after ten tags, its size said", "latest",
                        Stream.iterate(1, i -> i + 1).limit(12).map(i -> "build-" + i).toList(),
                        "GitHub reports the version's tags as ['build-1', 'build-2', 'build-3', 'build-4', 'build-5',"
                                + " 'build-6', 'build-7', 'build-8', 'build-9', 'build-10', … (12 tags)] (delivered"
                                + " as 'latest'); none is admitted by semver '>=1.0.0'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("explanations")
    void explanation(String description, String delivered, List<String> versionTags, String expected) {
        var explanation = switch (VersionTagChoice.choose(List.of(STABLE), delivered, versionTags)) {
            case TagChoice.Chosen c -> c.explanation();
            case TagChoice.NoneAdmitted n -> n.explanation();
        };

        assertThat(explanation).isEqualTo(expected);
    }
}
