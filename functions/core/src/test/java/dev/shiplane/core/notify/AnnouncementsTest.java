package dev.shiplane.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.ApprovalRequested;

import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DeploymentVerified;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.RequestRefused;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.events.RollbackFailed;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutPaused;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.RotationFailed;
import dev.shiplane.core.events.SecretRotated;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which events are announced and how: one row per event kind, as "severity emoji headline | fields | detail". */
class AnnouncementsTest {

    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    static final String DIGEST = "sha256:0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final ImageRef WEB = new ImageRef("ecr", "monynha/web", "1.4.2", DIGEST, "r/monynha/web@" + DIGEST);
    static final ImageRef COMMITTED = new ImageRef("ecr", "monynha/web", "1.4.2", DIGEST, "r/monynha/web@" + DIGEST,
            new ImageCommit("8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", AT.minusSeconds(9000)));
    static final ImageRef UNTAGGED = new ImageRef("ecr", "monynha/web", null, DIGEST, "r/monynha/web@" + DIGEST);
    static final String TD = "arn:aws:ecs:us-east-1:1:task-definition/monynha-prod-web:";
    static final String OPS = "arn:aws:iam::1:user/ops";

    static Stream<Arguments> events() {
        return Stream.of(
                row("a deployment start is news", new DeploymentStarted("prod", "web", "d-1", "p", WEB, "c", "s",
                                "canary", TD + 1, TD + 2, AT),
                        "INFO :rocket: web 1.4.2 deploying to prod | Service=web Env=prod Image=monynha/web:1.4.2"
                                + " Strategy=canary | -"),
                row("a success says how long it took", new DeploymentSucceeded("prod", "web", "d-1", WEB, TD + 2,
                                AT.minusSeconds(251), AT, 251),
                        "SUCCESS :white_check_mark: web 1.4.2 is live in prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 Took=4m 11s | -"),
                row("a success whose image named its commit time gives the lead time from the commit",
                        new DeploymentSucceeded("prod", "web", "d-1", COMMITTED, TD + 2, AT.minusSeconds(251), AT, 251,
                                AT.minusSeconds(1800)),
                        "SUCCESS :white_check_mark: web 1.4.2 is live in prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 Took=4m 11s Lead time=2h 30m from commit 8f14e45 | -"),
                row("a success without its commit gives the lead time from the push",
                        new DeploymentSucceeded("prod", "web", "d-1", WEB, TD + 2, AT.minusSeconds(251), AT, 251,
                                AT.minusSeconds(1800)),
                        "SUCCESS :white_check_mark: web 1.4.2 is live in prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 Took=4m 11s Lead time=30m from the push | -"),
                row("a failure carries ECS's reason", new DeploymentFailed("prod", "web", "d-1", WEB, TD + 2,
                                "circuit breaker", AT),
                        "DANGER :x: web 1.4.2 failed to deploy to prod | Service=web Env=prod Image=monynha/web:1.4.2"
                                + " | circuit breaker"),
                row("a rollback names its trigger and the revision serving now",
                        new DeploymentRolledBack("staging", "api", "d-2", WEB, "alarm", "staging-api-5xx: Threshold",
                                TD + 1, TD + 2, AT, AT.minusSeconds(30)),
                        "DANGER :rewind: api 1.4.2 rolled back in staging (alarm) | Service=api Env=staging"
                                + " Image=monynha/web:1.4.2 Restored=monynha-prod-web:1 | staging-api-5xx: Threshold"),
                row("an operator's abort is a warning", new DeploymentAborted("prod", "web", "d-1", WEB, "bad",
                                OPS, AT),
                        "WARNING :octagonal_sign: web 1.4.2 rollout aborted in prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 By=" + OPS + " | bad"),
                row("an abort because a newer image superseded it is silent", new DeploymentAborted("prod", "web",
                        "d-1", WEB, "superseded by d-2", "shiplane", AT), "silent"),
                row("a blocked deployment names the gate", new DeploymentBlocked("prod", "web", "d-1", "p", WEB,
                                "scan", "CRITICAL 1", AT),
                        "DANGER :no_entry: web 1.4.2 blocked from prod by the scan gate | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | CRITICAL 1"),
                row("a push skipped by a freeze is announced", skipped("freeze", "staging is frozen until 12:00"),
                        "WARNING :snowflake: web 1.4.2 not deployed to prod (freeze) | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | staging is frozen until 12:00"),
                row("a quarantined digest is announced", skipped("quarantined", "rolled back before"),
                        "WARNING :warning: web 1.4.2 not deployed to prod (quarantined) | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | rolled back before"),
                row("a promotion that did not qualify is announced", skipped("not-promotable", "alarms not quiet"),
                        "WARNING :warning: web 1.4.2 not deployed to prod (not-promotable) | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | alarms not quiet"),
                row("a tag-policy skip is routine: silent", skipped("policy", "pre-release"), "silent"),
                row("a duplicate is silent", skipped("duplicate", "again"), "silent"),
                row("a promotion-only environment skipping a push is silent", skipped("promotion", "x"), "silent"),
                row("a superseded push is silent", skipped("superseded", "x"), "silent"),
                row("an unknown repository is silent", new DeploymentSkipped(null, null, null, "p", WEB,
                        "unknown-repository", "no service", AT), "silent"),
                row("a digest-only image shows the digest's start", new DeploymentStarted("prod", "web", "d-1", "p",
                                UNTAGGED, "c", "s", "rolling", TD + 1, TD + 2, AT),
                        "INFO :rocket: web sha256:0b1f2c3d4e5f deploying to prod | Service=web Env=prod"
                                + " Image=monynha/web:sha256:0b1f2c3d4e5f Strategy=rolling | -"),
                row("a restart on the running revision (after a rotation) says so", new DeploymentStarted("prod", "api",
                                "d-9", "redeploy:r", WEB, "c", "s", "redeploy", TD + 2, TD + 2, AT),
                        "INFO :arrows_counterclockwise: api restarting in prod on its running revision | Service=api"
                                + " Env=prod Image=monynha/web:1.4.2 Revision=monynha-prod-web:2 | -"),
                row("a service whose image shiplane never saw is named without one", new DeploymentSucceeded("prod",
                                "api", "d-9", new ImageRef("unknown", "unknown", null, "unknown", "unknown"), TD + 2,
                                AT.minusSeconds(30), AT, 30),
                        "SUCCESS :white_check_mark: api is live in prod | Service=api Env=prod Took=30s | -"),
                row("a traffic shift gives step and weights", new TrafficShifted("staging", "web", "d-1", 2, 4, 25,
                                75, "green", AT.plusSeconds(300), AT),
                        "INFO :arrow_right: web in staging: 25% of traffic on the new revision | Service=web"
                                + " Env=staging Step=2/4 Weight=25% green, 75% live | -"),
                row("a pause says who", new RolloutPaused("staging", "web", "d-1", 25, OPS, AT),
                        "WARNING :double_vertical_bar: web rollout paused in staging at 25% | Service=web Env=staging"
                                + " Weight=25% By=" + OPS + " | -"),
                row("a resume says who", new RolloutResumed("staging", "web", "d-1", 25, AT, OPS, AT),
                        "INFO :arrow_forward: web rollout resumed in staging at 25% | Service=web Env=staging"
                                + " Weight=25% By=" + OPS + " | -"),
                row("an enforced gate that passed", new GatePassed("scan", null, "prod", "web", "d-1", WEB, "no findings",
                                true, AT),
                        "INFO :shield: web 1.4.2 passed the scan gate for prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | no findings"),
                row("a report-only gate that passed is silent", new GatePassed("scan", null, "staging", "web", "d-1", WEB,
                        "no findings", false, AT), "silent"),
                row("an enforced gate that failed is an alert", new GateFailed("scan", null, "prod", "web", "d-1", WEB,
                                "CRITICAL 1", true, AT),
                        "DANGER :shield: web 1.4.2 failed the scan gate for prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | CRITICAL 1"),
                row("a report-only gate that failed is a warning", new GateFailed("scan", null, "staging", "web", "d-1",
                                WEB, "HIGH 2", false, AT),
                        "WARNING :shield: web 1.4.2 failed the scan gate for staging (report only) | Service=web"
                                + " Env=staging Image=monynha/web:1.4.2 | HIGH 2"),
                row("a failed pre-traffic check names the check", new GateFailed("pre-traffic", "health", "prod", "web",
                                "d-1", WEB, "health: status 503, expected 200 (attempt 3 of 3)", true, AT),
                        "DANGER :shield: web 1.4.2 failed the pre-traffic check health for prod | Service=web Env=prod"
                                + " Image=monynha/web:1.4.2 | health: status 503, expected 200 (attempt 3 of 3)"),
                row("a failed rollback is the loudest", new RollbackFailed("prod", "api", null, "manual",
                                "no known-good revision", AT),
                        "DANGER :rotating_light: rollback of api in prod FAILED | Service=api Env=prod Trigger=manual"
                                + " | no known-good revision"),
                row("a rotated secret names its consumers, never its value", new SecretRotated("db-password",
                                "arn:aws:secretsmanager:us-east-1:1:secret:monynha/db-password-AbCdEf", "v-2",
                                "postgres", List.of("api", "web"), AT),
                        "SUCCESS :key: secret db-password rotated | Secret=db-password Type=postgres"
                                + " Consumers=api, web | -"),
                row("a failed rotation names the step", new RotationFailed("jwt-secret", "arn:s", "testSecret",
                                "grace period", AT),
                        "DANGER :key: rotation of secret jwt-secret failed at testSecret | Secret=jwt-secret"
                                + " Step=testSecret | grace period"),
                row("a freeze says until when (to the second) and who", new FreezeStarted("staging", "incident 42",
                                Instant.parse("2026-11-26T12:00:00.123456789Z"), OPS, AT),
                        "WARNING :snowflake: staging frozen until 2026-11-26T12:00:00Z | Env=staging"
                                + " Until=2026-11-26T12:00:00Z By=" + OPS + " | incident 42"),
                row("a lifted freeze says who", new FreezeLifted("staging", "incident 42", OPS, AT),
                        "INFO :sunny: staging unfrozen | Env=staging By=" + OPS + " | incident 42"),
                row("a refused request says what, where and who tried", new RequestRefused("deploy", "prod", "web",
                                "r-9", "arn:aws:sts::123456789012:assumed-role/Developer/dev", "not among the"
                                + " operators allowed this action (arn:aws:iam::123456789012:role/Releasers)", AT),
                        "WARNING :no_entry: refused: deploy web in prod by arn:aws:sts::123456789012:assumed-role/"
                                + "Developer/dev | Action=deploy Env=prod By=arn:aws:sts::123456789012:assumed-role/"
                                + "Developer/dev Request=r-9 | not among the operators allowed this action"
                                + " (arn:aws:iam::123456789012:role/Releasers)"),
                row("a push is silent (its deployment is announced)", ImagePushed.of(new ImagePush("p",
                        Registry.ECR, "r", "monynha/web", "1.4.2", DIGEST, AT)), "silent"),
                row("a verification is silent", new DeploymentVerified("prod", "web", "d-1", WEB, TD + 2, AT),
                        "silent"),
                row("an approval ECS waits for says what to run and when it rolls back", new ApprovalRequested("prod",
                                "web", "d-1", WEB, "ecs-pause-1", AT.plusSeconds(3600), "shiplane promote prod web", AT),
                        "WARNING :raised_hand: web 1.4.2 waits for approval in prod before production traffic moves"
                                + " | Service=web Env=prod Image=monynha/web:1.4.2 Rolls back at=2026-11-26T11:00:00Z"
                                + " | Approve: `shiplane promote prod web` · refuse: `shiplane abort prod web`"),
                row("a due step is silent", new CanaryStepDue("prod", "web", "d-1", 2, AT), "silent"),
                row("an operator's request is silent (its outcome is announced)", new RollbackRequested("prod",
                        null, true, "r-1", OPS, null, AT), "silent"));
    }

    static DeploymentSkipped skipped(String reason, String detail) {
        return new DeploymentSkipped("prod", "web", "d-1", "p", WEB, reason, detail, AT);
    }

    static Arguments row(String name, DomainEvent event, String expected) {
        return Arguments.of(name, event, expected);
    }

    @org.junit.jupiter.api.Test
    void everyAnnouncedEventsDetailTypeIsInTheRuleList_andNothingElse() {
        var announced = events().map(a -> (DomainEvent) a.get()[1]).filter(e -> Announcements.of(e).isPresent())
                .map(DomainEvent::detailType).collect(Collectors.toSet());
        assertThat(Announcements.DETAIL_TYPES).containsAll(announced);
        assertThat(announced).containsAll(Announcements.DETAIL_TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void announces(String name, DomainEvent event, String expected) {
        var text = Announcements.of(event).map(n -> n.severity() + " " + n.emoji() + " " + n.headline() + " | "
                + n.fields().stream().map(f -> f.label() + "=" + f.value()).collect(Collectors.joining(" "))
                + " | " + (n.detail() == null ? "-" : n.detail())).orElse("silent");

        assertThat(text).isEqualTo(expected);
    }
}
