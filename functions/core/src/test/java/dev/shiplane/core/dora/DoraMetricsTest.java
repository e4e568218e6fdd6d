package dev.shiplane.core.dora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.image.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DoraMetricsTest {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(10));
    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/api", "1.0.0", "sha256:" + "a".repeat(64), "x@y");

    /** A ledger entry: pushed {@code pushMinutes} before it started, ended {@code minutes} after it started. */
    static Deployment d(String id, DeploymentStatus status, String startedAt, long pushMinutes, long minutes) {
        var start = Instant.parse(startedAt);
        return new Deployment(id, "prod", "api", "p-" + id, IMAGE, status, status, "td:1", "td:2", "ecs/" + id,
                start.minus(Duration.ofMinutes(pushMinutes)), start, start.plus(Duration.ofMinutes(minutes)), null);
    }

    /** Rolled back {@code minutes} after it started, on an alarm that fired {@code alarmMinutesBefore} earlier. */
    static Deployment rolledBackOnAlarm(String id, String startedAt, long minutes, long alarmMinutesBefore) {
        var rolledBack = d(id, DeploymentStatus.ROLLED_BACK, startedAt, 5, minutes);
        return rolledBack.withAlarmAt(rolledBack.updatedAt().minus(Duration.ofMinutes(alarmMinutesBefore)));
    }

    static Deployment restart(String startedAt) {
        var start = Instant.parse(startedAt);
        return new Deployment("r", "prod", "api", "redeploy:r", IMAGE, DeploymentStatus.SUCCEEDED, null, "td:2",
                "td:2", "ecs/r", start, start, start.plusSeconds(60), null);
    }

    static Stream<Arguments> ledgers() {
        var s = DeploymentStatus.SUCCEEDED;
        var rb = DeploymentStatus.ROLLED_BACK;
        return Stream.of(
                Arguments.of("an empty ledger has no figures", List.of(), "0 0.0 - - -"),
                Arguments.of("one success: its push-to-success time is the lead time",
                        List.of(d("1", s, "2026-11-02T10:00:00Z", 20, 10)), "1 0.1 PT30M 0.0 -"),
                Arguments.of("odd count: the middle lead time",
                        List.of(d("1", s, "2026-11-02T10:00:00Z", 0, 10), d("2", s, "2026-11-03T10:00:00Z", 50, 10),
                                d("3", s, "2026-11-04T10:00:00Z", 20, 10)), "3 0.3 PT30M 0.0 -"),
                Arguments.of("even count: the mean of the two middle lead times",
                        List.of(d("1", s, "2026-11-02T10:00:00Z", 0, 10), d("2", s, "2026-11-03T10:00:00Z", 20, 10)),
                        "2 0.2 PT20M 0.0 -"),
                Arguments.of("one rollback in four deployments: 25% change failure rate, restore = alarm to rollback",
                        List.of(d("1", s, "2026-11-02T10:00:00Z", 5, 10), d("2", s, "2026-11-03T10:00:00Z", 5, 10),
                                rolledBackOnAlarm("3", "2026-11-04T10:00:00Z", 7, 3),
                                d("4", s, "2026-11-05T10:00:00Z", 5, 10)),
                        "4 0.4 PT15M 0.25 PT3M"),
                Arguments.of("a rollback without an alarm time (request, ECS failure) restores from the request: 0",
                        List.of(d("1", rb, "2026-11-04T10:00:00Z", 5, 7)), "1 0.1 - 1.0 PT0S"),
                Arguments.of("median restore over alarm and request rollbacks",
                        List.of(rolledBackOnAlarm("1", "2026-11-04T10:00:00Z", 30, 2),
                                rolledBackOnAlarm("2", "2026-11-05T10:00:00Z", 30, 4),
                                rolledBackOnAlarm("3", "2026-11-06T10:00:00Z", 30, 9)), "3 0.3 - 1.0 PT4M"),
                Arguments.of("an alarm stamped after the rollback counts as immediate",
                        List.of(rolledBackOnAlarm("1", "2026-11-04T10:00:00Z", 7, -5)), "1 0.1 - 1.0 PT0S"),
                Arguments.of("failed, superseded, aborted and running deployments: only ended ones count",
                        List.of(d("1", DeploymentStatus.FAILED, "2026-11-02T10:00:00Z", 5, 10),
                                d("2", DeploymentStatus.SUPERSEDED, "2026-11-03T10:00:00Z", 5, 10),
                                d("3", DeploymentStatus.ABORTED, "2026-11-03T10:00:00Z", 5, 10),
                                d("4", DeploymentStatus.STARTED, "2026-11-03T10:00:00Z", 5, 10)),
                        "1 0.1 - 1.0 -"),
                Arguments.of("a push stamped after its deployment ended gives no lead time",
                        List.of(d("1", s, "2026-11-02T10:00:00Z", -60, 10), d("2", s, "2026-11-03T10:00:00Z", 20, 10)),
                        "2 0.2 PT30M 0.0 -"),
                Arguments.of("a restart of the running revision is no change",
                        List.of(restart("2026-11-02T10:00:00Z")), "0 0.0 - - -"),
                Arguments.of("deployments ending outside the period are left out",
                        List.of(d("1", s, "2026-10-31T23:00:00Z", 5, 10), d("2", s, "2026-11-10T23:55:00Z", 5, 10)),
                        "0 0.0 - - -"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ledgers")
    void figures(String description, List<Deployment> ledger, String expected) {
        var f = DoraMetrics.compute(new ArrayList<>(ledger), FROM, TO);

        assertThat(f.deployments() + " " + f.perDay() + " " + text(f.leadTime()) + " "
                + (f.changeFailureRate() == null ? "-" : f.changeFailureRate()) + " " + text(f.timeToRestore()))
                .isEqualTo(expected);
    }

    static String text(Duration d) {
        return d == null ? "-" : d.toString();
    }

    static final String SHA = "8f14e45fceea167a5a36dedd4bea2543c9e1f7a0";
    static final Instant PUSHED = Instant.parse("2026-11-02T10:00:00Z");
    static final Instant LIVE = PUSHED.plus(Duration.ofMinutes(30));

    static Stream<Arguments> oneDeployment() {
        return Stream.of(
                Arguments.of("the image names its commit and its time: from the commit",
                        new ImageCommit(SHA, PUSHED.minus(Duration.ofHours(2))), PUSHED, "PT2H30M from commit"),
                Arguments.of("commit made the second of the push: from the commit",
                        new ImageCommit(SHA, PUSHED), PUSHED, "PT30M from commit"),
                Arguments.of("the image names no commit: from the push", null, PUSHED, "PT30M from push"),
                Arguments.of("the commit without its time: from the push",
                        new ImageCommit(SHA, null), PUSHED, "PT30M from push"),
                Arguments.of("a commit stamped after its push (a committer's clock ahead): from the push",
                        new ImageCommit(SHA, PUSHED.plus(Duration.ofMinutes(5))), PUSHED, "PT30M from push"),
                Arguments.of("a commit stamped after the deployment ended: from the push",
                        new ImageCommit(SHA, LIVE.plus(Duration.ofHours(1))), PUSHED, "PT30M from push"),
                Arguments.of("no push time, a commit before the success: from the commit",
                        new ImageCommit(SHA, PUSHED.minus(Duration.ofHours(1))), null, "PT1H30M from commit"),
                Arguments.of("no push time and no commit: none", null, null, "-"),
                Arguments.of("a skewed commit and a push after the success: none",
                        new ImageCommit(SHA, LIVE.plusSeconds(1)), LIVE.plusSeconds(1), "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneDeployment")
    void leadTimeOfOneDeployment(String description, ImageCommit commit, Instant pushedAt, String expected) {
        var lead = DoraMetrics.leadTime(commit, pushedAt, LIVE);

        assertThat(lead == null ? "-" : lead.duration() + " from " + lead.from().code()).isEqualTo(expected);
    }

    /** Succeeded {@code minutes} after its push, from an image committed {@code commitMinutes} before the push. */
    static Deployment committed(String id, String startedAt, long commitMinutes) {
        var plain = d(id, DeploymentStatus.SUCCEEDED, startedAt, 20, 10);
        var image = commitMinutes < 0 ? IMAGE : new ImageRef(IMAGE.registry(), IMAGE.repository(), IMAGE.tag(),
                IMAGE.digest(), IMAGE.uri(), new ImageCommit(SHA, plain.pushedAt().minus(Duration.ofMinutes(commitMinutes))));
        return new Deployment(id, "prod", "api", plain.pushId(), image, plain.status(), plain.status(), "td:1",
                "td:2", plain.ecsDeploymentId(), plain.pushedAt(), plain.createdAt(), plain.updatedAt(), null);
    }

    static Stream<Arguments> leadTimeBases() {
        return Stream.of(
                Arguments.of("every image names its commit: from the commit, push to live beside it",
                        List.of(committed("1", "2026-11-02T10:00:00Z", 60), committed("2", "2026-11-03T10:00:00Z", 90)),
                        "PT1H45M commit PT30M"),
                Arguments.of("no image names its commit: from the push, which is push to live",
                        List.of(committed("1", "2026-11-02T10:00:00Z", -1)), "PT30M push PT30M"),
                Arguments.of("some images name their commit: each from its own start, the share said",
                        List.of(committed("1", "2026-11-02T10:00:00Z", 60), committed("2", "2026-11-03T10:00:00Z", -1),
                                committed("3", "2026-11-04T10:00:00Z", 120)), "PT1H30M commit 2/3 PT30M"),
                Arguments.of("no success: no lead time, no basis", List.of(), "- null -"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leadTimeBases")
    void leadTimeSaysWhereItRunsFrom(String description, List<Deployment> ledger, String expected) {
        var f = DoraMetrics.compute(new ArrayList<>(ledger), FROM, TO);

        assertThat(text(f.leadTime()) + " " + f.leadTimeFrom() + " " + text(f.pushToLive())).isEqualTo(expected);
    }
}
