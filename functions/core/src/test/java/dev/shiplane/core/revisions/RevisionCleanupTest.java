package dev.shiplane.core.revisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionCleanupTest {

    /**
     * A family written oldest first, one letter a revision: {@code s} shiplane registered it, {@code o} someone
     * else did (the stack's bootstrap, the console). Returned newest first, as ECS lists it.
     */
    static List<FamilyRevision> family(String oldestFirst) {
        List<FamilyRevision> revisions = new ArrayList<>();
        for (int i = 0; i < oldestFirst.length(); i++) {
            revisions.addFirst(new FamilyRevision(td(i + 1), i + 1, oldestFirst.charAt(i) == 's'));
        }
        return revisions;
    }

    static String td(int revision) {
        return "arn:aws:ecs:us-east-1:123456789012:task-definition/monynha-staging-web:" + revision;
    }

    static Map<String, String> protecting(int... revisions) {
        var map = new LinkedHashMap<String, String>();
        for (int r : revisions) map.put(td(r), "protected " + r);
        return map;
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("an empty family has nothing to deregister", family(""), 5, protecting(), List.of()),
                Arguments.of("the bootstrap revision alone stays", family("o"), 1, protecting(), List.of()),
                Arguments.of("exactly keep of shiplane's revisions: all stay", family("osssss"), 5, protecting(),
                        List.of()),
                Arguments.of("one more than keep: the oldest of shiplane's goes", family("ossssss"), 5, protecting(),
                        List.of(2)),
                Arguments.of("many beyond keep: every older one of shiplane's goes, oldest last",
                        family("osssssssss"), 5, protecting(), List.of(5, 4, 3, 2)),
                Arguments.of("keep 1: only the newest stays", family("osss"), 1, protecting(), List.of(3, 2)),
                Arguments.of("others' revisions are never deregistered, however old", family("oossoss"), 2,
                        protecting(), List.of(4, 3)),
                Arguments.of("others' revisions do not count towards keep", family("ssoooooo"), 2, protecting(),
                        List.of()),
                Arguments.of("a protected revision beyond keep is spared, the others go", family("osssssss"), 5,
                        protecting(3), List.of(2)),
                Arguments.of("every revision beyond keep protected: nothing goes", family("ossssss"), 3,
                        protecting(2, 3, 4), List.of()),
                Arguments.of("a protected revision within keep changes nothing", family("osssss"), 4,
                        protecting(6), List.of(2)),
                Arguments.of("protecting another family's revision changes nothing", family("osss"), 2,
                        Map.of("arn:aws:ecs:us-east-1:123456789012:task-definition/monynha-staging-web-blue:2", "x"),
                        List.of(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String description, List<FamilyRevision> newestFirst, int keep, Map<String, String> protections,
                 List<Integer> deregistered) {
        var decision = RevisionCleanup.decide(newestFirst, keep, protections);

        var revisions = switch (decision) {
            case CleanupDecision.NothingToDeregister nothing -> List.<Integer>of();
            case CleanupDecision.Deregister deregister ->
                    deregister.revisions().stream().map(FamilyRevision::revision).toList();
        };
        assertThat(revisions).isEqualTo(deregistered);
        if (deregistered.isEmpty()) assertThat(decision).isInstanceOf(CleanupDecision.NothingToDeregister.class);
    }

    @Test
    void aSparedRevision_saysWhatProtectsIt() {
        var decision = RevisionCleanup.decide(family("ssss"), 2, Map.of(td(1), "known-good: a rollback target"));

        assertThat(decision).isInstanceOfSatisfying(CleanupDecision.Deregister.class, d -> {
            assertThat(d.revisions()).extracting(FamilyRevision::revision).containsExactly(2);
            assertThat(d.spared()).containsExactly(Map.entry(td(1), "known-good: a rollback target"));
        });
    }

    @Test
    void nothingToDeregister_becauseOfProtections_namesEachRevisionAndWhy() {
        var decision = RevisionCleanup.decide(family("sss"), 2, Map.of(td(1), "ECS runs it"));

        assertThat(decision).isEqualTo(new CleanupDecision.NothingToDeregister(
                "every revision beyond the newest 2 is protected: monynha-staging-web:1 (ECS runs it)"));
    }

    @Test
    void keepBelowOne_isRefused() {
        assertThatThrownBy(() -> RevisionCleanup.decide(family("ss"), 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep");
    }
}
