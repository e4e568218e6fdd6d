package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's sandbox command, run as a test: the default story must tell the whole deploy story and exit 0. */
class SandboxIT {

    record Run(int exit, String out, String err) {}

    static Run run(Path workDir, String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var options = SandboxOptions.parse(args, workDir);
        int exit = new Sandbox(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void defaultStory_deploysSkipsAndCompletes_asJsonLines(@TempDir Path workDir) throws Exception {
        var run = run(workDir, "--json");
        // The readable timeline, kept for whoever reads a failure (and for CI's artifacts).
        Files.writeString(Path.of("target", "sandbox-story.txt"), run.err());

        assertThat(run.exit()).as(run.err()).isZero();
        var mapper = new ObjectMapper();
        // The GHCR steps (10-12) are checked on their own below, so the ECR story reads as before.
        var types = run.out().lines().filter(line -> !concernsGhcr(line)).map(line -> summary(mapper, line)).toList();
        var all = run.out().lines().map(line -> summary(mapper, line)).toList();
        // 01-08: pushes. web and api are canaries in staging; prod takes images only by promotion.
        assertThat(types).containsSubsequence(
                "Image Pushed", "Deployment Started staging/web", "Deployment Skipped prod/web promotion",
                "Traffic Shifted staging/web 10",
                "Image Pushed", "Deployment Skipped staging/web duplicate",
                "Image Pushed", "Deployment Skipped staging/web policy",
                "Image Pushed", "Deployment Started staging/api", "Deployment Skipped prod/api promotion",
                "Image Pushed", "Deployment Skipped staging/docs no-tag",
                "Image Pushed", "Deployment Skipped unknown-repository");
        // 20-22: web 1.5.0 supersedes 1.4.2 (traffic back first), steps through staging, is promoted to prod after
        // 30 quiet minutes and steps through prod too.
        assertThat(types).containsSubsequence(
                "Deployment Aborted staging/web", "Deployment Started staging/web", "Traffic Shifted staging/web 10",
                "Traffic Shifted staging/web 25", "Traffic Shifted staging/web 50", "Traffic Shifted staging/web 100",
                "Deployment Succeeded staging/web", "Promotion Due", "Deployment Started prod/web",
                "Traffic Shifted prod/web 10", "Traffic Shifted prod/web 25", "Traffic Shifted prod/web 50",
                "Traffic Shifted prod/web 100", "Deployment Succeeded prod/web");
        // 30-42: api 2.0.0 rolled back at 25% by its alarm (once, despite the flapping); docs 1.4.0 rolled back to
        // its verified revision when ECS fails it; then the emergency rollback of prod.
        assertThat(types).containsSubsequence(
                "Deployment Started staging/api", "Traffic Shifted staging/api 10", "Traffic Shifted staging/api 25",
                "Deployment Rolled Back staging/api alarm", "Deployment Started staging/docs",
                "Deployment Rolled Back staging/docs ecs-failure", "Rollback Requested");
        // one invocation rolls back every prod service; their events may reach the bus's queue in any order
        assertThat(all).contains("Deployment Rolled Back prod/web manual", "Rollback Failed prod/api",
                "Deployment Rolled Back prod/docs manual"); // docs runs the GHCR-pushed 1.3.0 there
        // 60-62: web 1.6.0 has a CRITICAL finding. Staging only reports scans, so it deploys there; when its
        // promotion comes due, prod's scan gate blocks it on the recorded result and prod keeps what it ran.
        assertThat(types).containsSubsequence(
                "Image Pushed", "Deployment Started staging/web", "Deployment Skipped prod/web promotion",
                "Gate Failed staging/web", "Deployment Succeeded staging/web", "Promotion Due",
                "Gate Failed prod/web", "Deployment Blocked prod/web");
        assertThat(run.err()).contains("61-scan-web-1.6.0-critical.json").contains("ECR scan COMPLETE monynha/web:1.6.0")
                .contains("(report only)").contains("scan gate: CRITICAL 1, HIGH 2, MEDIUM 5, LOW 9");
        assertThat(types.subList(types.indexOf("Deployment Blocked prod/web"), types.size()))
                .as("nothing starts in prod after the block").doesNotContain("Deployment Started prod/web");
        // 70-74: an operator freezes staging with the CLI; the api 2.0.1 push meets the freeze, plan shows why;
        // unfreeze, history. The run ends with shiplane status and its DORA figures.
        assertThat(types).containsSubsequence("Freeze Started", "Deployment Skipped staging/api freeze",
                "Freeze Lifted");
        assertThat(run.err()).contains("$ shiplane freeze staging --until 2h").contains("skip: freeze")
                .contains("staging unfrozen").contains("$ shiplane status")
                .contains("DEPLOYS").contains("LEAD TIME").contains("FAILURE RATE").contains("TIME TO RESTORE");
        // 75: the emergency rollback of staging, from the CLI (the event carries the caller's ARN from STS)
        assertThat(run.err()).contains("$ shiplane rollback staging --all")
                .contains("Rollback Requested put on the bus (request story-75)");
        assertThat(all).contains("Deployment Rolled Back staging/web manual");
        assertThat(types).filteredOn(t -> t.startsWith("Deployment Rolled Back staging/api alarm")).hasSize(1);
        assertThat(types).filteredOn(t -> t.startsWith("Traffic Shifted staging/api 50")).hasSize(1); // rc only
        assertThat(run.err()).contains("⏱ +").contains("Scheduler: ").contains("ECS: monynha-staging/docs deployment")
                .contains("FAILED").contains("33-alarm-staging-api-5xx-ok.json");
        // 10-12: a signed GHCR delivery deploys like an ECR push (staging takes docs 1.3.0 straight away); its replay
        // and a forged delivery publish nothing.
        var ghcr = run.out().lines().filter(SandboxIT::concernsGhcr).map(line -> {
            try {
                var event = mapper.readTree(line);
                var detail = event.get("detail");
                return event.get("detail-type").asText() + (detail.has("env") ? " " + detail.get("env").asText()
                        + "/" + detail.get("service").asText() : "");
            } catch (Exception e) {
                throw new AssertionError("stdout line is not JSON: " + line, e);
            }
        }).toList();
        assertThat(ghcr).containsSubsequence("Image Pushed", "Deployment Started staging/docs");
        assertThat(ghcr).as("the replayed and the forged delivery publish nothing")
                .filteredOn("Image Pushed"::equals).hasSize(1);
        assertThat(run.err()).contains("10-ghcr-push-docs-1.3.0.json").contains("shiplane-webhook ← HTTPS /: 200 published")
                .contains("11-ghcr-push-docs-1.3.0-redelivered.json").contains(": 200 duplicate")
                .contains("12-ghcr-push-forged-signature.json").contains(": 401 unauthorized");
        assertRotationStep(run, mapper);
        // web declares a health check: every web rollout checks the new colour alone before traffic moves and the
        // live service before the old colour goes. 80-82: web 1.7.0's new colour answers 503; after three attempts
        // (retries are schedules, fired by the story clock) it is aborted with no traffic ever sent.
        assertThat(types).containsSubsequence("Deployment Started prod/web", "Health Check Due prod/web pre-traffic",
                "Gate Passed prod/web pre-traffic", "Traffic Shifted prod/web 10", "Traffic Shifted prod/web 100",
                "Health Check Due prod/web post-promotion", "Gate Passed prod/web post-promotion",
                "Deployment Succeeded prod/web");
        var failedCheck = types.subList(types.lastIndexOf("Deployment Started staging/web"), types.size());
        assertThat(failedCheck).containsSubsequence("Health Check Due staging/web pre-traffic",
                "Health Check Due staging/web pre-traffic", "Health Check Due staging/web pre-traffic",
                "Gate Failed staging/web pre-traffic", "Deployment Aborted staging/web")
                .noneMatch(t -> t.startsWith("Traffic Shifted"));
        assertThat(run.err()).contains("80-checks-will-fail-web.json").contains("health: status 503, expected 200"
                + " (attempt 3 of 3)").contains("chk-");
        assertNotifications(run, mapper);
        assertThat(run.err()).contains("07-delete-web-image.json").contains("no rule matched: nothing was invoked")
                .contains("0 not handled");
    }

    /** An event about the image the GHCR story steps push (its registry is ghcr, in the detail or its image). */
    /** detail-type, env/service, and the one field that tells events of a type apart in the story. */
    static String summary(ObjectMapper mapper, String line) {
        try {
            var event = mapper.readTree(line);
            var d = event.get("detail");
            var type = event.get("detail-type").asText();
            var text = type + (d.hasNonNull("env") && d.hasNonNull("service") ? " " + d.get("env").asText() + "/"
                    + d.get("service").asText() : "");
            return switch (type) {
                case "Deployment Skipped" -> text + " " + d.get("reason").asText();
                case "Traffic Shifted" -> text + " " + d.get("canaryWeight").asInt();
                case "Deployment Rolled Back" -> text + " " + d.get("trigger").asText();
                case "Health Check Due" -> text + " " + d.get("phase").asText();
                case "Gate Passed", "Gate Failed" -> d.get("gate").asText().equals("scan") ? text
                        : text + " " + d.get("gate").asText();
                default -> text;
            };
        } catch (Exception e) {
            throw new AssertionError("stdout line is not JSON: " + line, e);
        }
    }

    static boolean concernsGhcr(String jsonLine) {
        return jsonLine.contains("\"registry\":\"ghcr\"");
    }

    /**
     * 50: the monthly schedule rotates every managed secret and asks every consumer to redeploy in every environment
     * it runs in. The database secret takes part when the machine's PostgreSQL is reachable (always under CI, where
     * .ci/run starts it); otherwise the sandbox must say so.
     */
    static void assertRotationStep(Run run, ObjectMapper mapper) throws Exception {
        List<String> rotated = new ArrayList<>();
        List<String> redeploys = new ArrayList<>();
        for (var line : run.out().lines().toList()) {
            var event = mapper.readTree(line);
            var detail = event.get("detail");
            switch (event.get("detail-type").asText()) {
                case "Secret Rotated" -> rotated.add(detail.get("secretName").asText());
                case "Redeploy Requested" -> redeploys.add(detail.get("env").asText() + "/"
                        + detail.get("service").asText() + " " + detail.get("requestedBy").asText());
                default -> { }
            }
        }
        var postgresDown = new SandboxPostgres().unreachable();
        if (postgresDown.isPresent() && System.getenv("CI") == null) {
            assertThat(run.err()).contains("postgres   NOT REACHABLE");
            assertThat(rotated).containsExactly("jwt-secret", "api-key");
        } else {
            assertThat(run.err()).contains("50-monthly-rotation.json").contains("shiplane_sandbox");
            assertThat(rotated).containsExactly("db-password", "jwt-secret", "api-key");
            assertThat(redeploys).contains("staging/api rotation:db-password", "prod/api rotation:db-password",
                    "staging/web rotation:db-password", "prod/web rotation:db-password");
        }
        assertThat(redeploys).contains("staging/api rotation:jwt-secret", "prod/api rotation:jwt-secret",
                "staging/web rotation:api-key", "prod/web rotation:api-key");
        assertThat(run.err()).doesNotContain("shiplane-rotate ← ECR").doesNotContain("shiplane-rotate ← ECS");
    }

    /**
     * The notify function posts to the sandbox's Slack stand-in: one message per announced event (a redelivered
     * push, a flapping alarm and routine skips post nothing), and the alarm's rollback carries the alarm's time,
     * from which time to restore is measured.
     */
    static void assertNotifications(Run run, ObjectMapper mapper) throws Exception {
        var slack = run.err().lines().filter(l -> l.startsWith("  ✉ slack: ")).map(l -> l.substring(11)).toList();
        assertThat(slack).containsSubsequence(
                ":rocket: web 1.4.2 deploying to staging",
                ":arrow_right: web in staging: 10% of traffic on the new revision",
                ":white_check_mark: web 1.5.0 is live in staging",
                ":white_check_mark: web 1.5.0 is live in prod",
                ":rewind: api 2.0.0 rolled back in staging (alarm)",
                ":rewind: docs 1.4.0 rolled back in staging (ecs-failure)",
                ":key: secret jwt-secret rotated",
                ":no_entry: web 1.6.0 blocked from prod by the scan gate",
                ":sunny: staging unfrozen");
        assertThat(slack).contains(":rotating_light: rollback of api in prod FAILED",
                ":snowflake: api 2.0.1 not deployed to staging (freeze)");
        assertThat(slack).filteredOn(m -> m.startsWith(":snowflake: staging frozen until ")).hasSize(1);
        assertThat(slack).as("one message per event: the flapping alarm rolled back once")
                .filteredOn(":rewind: api 2.0.0 rolled back in staging (alarm)"::equals).hasSize(1);
        assertThat(slack).as("routine skips are silent").noneMatch(m -> m.contains("(duplicate)")
                || m.contains("(policy)") || m.contains("(promotion)") || m.contains("(no-tag)"));
        for (var line : run.out().lines().toList()) {
            var event = mapper.readTree(line);
            var detail = event.get("detail");
            if (event.get("detail-type").asText().equals("Deployment Rolled Back")
                    && detail.get("trigger").asText().equals("alarm")) {
                var alarmAt = java.time.Instant.parse(detail.get("alarmAt").asText());
                var at = java.time.Instant.parse(detail.get("at").asText());
                assertThat(alarmAt).as("the alarm's own time, before the rollback").isBeforeOrEqualTo(at)
                        .isAfter(at.minusSeconds(60));
            }
        }
    }

    @Test
    void malformedEventFile_isNamedAndTheRunFails(@TempDir Path workDir) throws Exception {
        var events = Files.createDirectories(workDir.resolve("events"));
        Files.write(events.resolve("01-push.json"), RepoFiles.bytes("events/aws/ecr-image-push.json"));
        Files.writeString(events.resolve("02-broken.json"), "{\"source\": \"aws.ecr\", ");
        Files.writeString(events.resolve("03-missing-digest.json"),
                RepoFiles.text("events/aws/ecr-image-push-latest.json").replace("\"image-digest\"", "\"digest\""));

        var run = run(workDir, "--events", events.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("02-broken.json is not a JSON event")
                .contains("detail.image-digest: missing").contains("dead-lettered")
                .contains("Deployment Started   staging/web")
                .contains("3 events replayed").contains("2 not handled");
    }
}
