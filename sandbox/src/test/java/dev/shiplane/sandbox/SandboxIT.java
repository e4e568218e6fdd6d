package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        Files.writeString(Path.of("target", "sandbox-story.jsonl"), run.out());

        assertThat(run.exit()).as(run.err()).isZero();
        // every function ran as its own role with moto enforcing IAM, and nothing it did was refused
        assertThat(run.err()).contains("enforcing IAM").containsPattern("each of the \\d+ function roles runs as")
                .contains(" 0 refused by IAM");
        var mapper = new ObjectMapper();
        // The GHCR steps (10-12) are checked on their own below, so the ECR story reads as before.
        var types = run.out().lines().filter(line -> !concernsGhcr(line)).map(line -> summary(mapper, line)).toList();
        var all = run.out().lines().map(line -> summary(mapper, line)).toList();
        // 01-08: pushes. web (on ECS's engine) and api (two colours) are canaries in staging; prod takes images only
        // by promotion: no push starts anything there (whether prod's account hears of the push at all is the
        // forwarding rules' business: it needs the image's scan, not its push).
        assertThat(types).containsSubsequence(
                "Image Pushed", "Deployment Started staging/web",
                "Image Pushed", "Deployment Skipped staging/web duplicate",
                "Image Pushed", "Deployment Skipped staging/web policy",
                "Image Pushed", "Deployment Started staging/api",
                "Traffic Shifted staging/api 10",
                "Image Pushed", "Deployment Skipped staging/docs no-tag",
                "Image Pushed", "Deployment Skipped unknown-repository");
        assertThat(types.subList(0, types.indexOf("Promotion Due"))).as("nothing starts in prod before a promotion")
                .noneMatch(t -> t.startsWith("Deployment Started prod/"));
        // 20-22: web 1.5.0 supersedes 1.4.2; ECS's canary takes it through staging (10%, bake, 100%, bake); it is
        // promoted to prod after 30 quiet minutes and ECS's canary runs there too. api's release candidate steps
        // through its two colours meanwhile.
        assertThat(types).containsSubsequence(
                "Deployment Started staging/web", "Deployment Succeeded staging/web", "Promotion Due",
                "Deployment Started prod/web", "Deployment Succeeded prod/web");
        assertThat(types).containsSubsequence("Traffic Shifted staging/api 10", "Traffic Shifted staging/api 25",
                "Traffic Shifted staging/api 50", "Traffic Shifted staging/api 100");
        assertEcsEngine(run);
        // 30-42: api 2.0.0 rolled back at 25% by its alarm (once, despite the flapping); docs 1.4.0 rolled back to
        // its verified revision when ECS fails it; then the emergency rollback of prod.
        assertThat(types).containsSubsequence(
                "Deployment Started staging/api", "Traffic Shifted staging/api 10", "Traffic Shifted staging/api 25",
                "Deployment Rolled Back staging/api alarm", "Deployment Started staging/docs",
                "Deployment Rolled Back staging/docs ecs-failure", "Rollback Requested");
        // one invocation rolls back every prod service; their events may reach the bus's queue in any order
        assertThat(all).contains("Deployment Rolled Back prod/web manual", "Rollback Failed prod/api",
                "Deployment Rolled Back prod/docs manual"); // docs runs the GHCR-pushed 1.3.0 there
        // 50-51: the rotation restarts api in prod on its running revision; the operator's rollback of that restart
        // returns to the revision it restarted (a restart brought no new image), not to an older release
        assertThat(types).containsSubsequence("Deployment Started prod/api", "Deployment Rolled Back prod/api manual");
        assertThat(run.err()).contains("api restarted after the rotation answers slowly → monynha-prod-api-blue:1");
        // 60-62: web 1.6.0 has a CRITICAL finding. Staging only reports scans, so it deploys there; when its
        // promotion comes due, prod's scan gate blocks it on the recorded result and prod keeps what it ran.
        assertThat(types).containsSubsequence(
                "Image Pushed", "Deployment Started staging/web",
                "Gate Failed staging/web", "Deployment Succeeded staging/web", "Promotion Due",
                "Gate Failed prod/web", "Deployment Blocked prod/web");
        assertThat(run.err()).contains("61-scan-web-1.6.0-critical.json").contains("ECR scan COMPLETE monynha/web:1.6.0")
                .contains("(report only)").contains("scan gate: CRITICAL 1, HIGH 2, MEDIUM 5, LOW 9");
        assertThat(types.subList(types.indexOf("Deployment Blocked prod/web"), types.size()))
                .as("nothing starts in prod after the block").doesNotContain("Deployment Started prod/web");
        // Task-definition hygiene: staging/web keeps 3 of shiplane's revisions (shiplane.yml). When 1.6.0 succeeds it
        // has four (1.4.2, 1.5.0, 1.5.1, 1.6.0): 1.4.2's, superseded, is deregistered. When the settings change
        // succeeds, the oldest beyond three is 1.5.0's, which a rollback may return to: it stays.
        assertThat(run.err()).containsSubsequence(
                "shiplane-deploy ← Deployment Succeeded: revisions of monynha-staging-web: nothing to deregister",
                "shiplane-deploy ← Deployment Succeeded: revisions of monynha-staging-web: deregistered [2]",
                "shiplane-deploy ← Deployment Succeeded: revisions of monynha-staging-web: nothing to deregister"
                        + " (every revision beyond the newest 3 is protected: monynha-staging-web:3 (");
        assertThat(run.err()).as("only staging/web has more revisions than it keeps")
                .containsOnlyOnce(": deregistered [");
        // 70-74: an operator freezes staging with the CLI; the api 2.0.1 push meets the freeze, plan shows why;
        // unfreeze, history. The run ends with shiplane status and its DORA figures.
        assertThat(types).containsSubsequence("Freeze Started", "Deployment Skipped staging/api freeze",
                "Freeze Lifted");
        assertThat(run.err()).contains("$ shiplane freeze staging --until 2h").contains("skip: freeze")
                .contains("staging unfrozen").contains("$ shiplane status")
                .contains("DEPLOYS").contains("LEAD TIME").contains("FAILURE RATE").contains("TIME TO RESTORE");
        // 87-88: the synthetic check's alarm (AWS's part: its canary cannot run here) reaches the rollback function as
        // one of api's gates; api 2.3.0 was verified by then, so nothing is rolled back
        assertThat(section(run.err(), "87-alarm-staging-synthetics.json", "88-alarm-staging-synthetics-ok.json"))
                .contains("shiplane-rollback ← CloudWatch Alarm State Change: staging/api ignored")
                .contains("was verified after its bake");
        // 76: docs declares its own tag policy (stable releases only): plan says a release candidate is refused by it
        // in staging, whose own policy would take it
        assertThat(run.err()).contains("$ shiplane plan monynha/docs 1.5.0-rc.1")
                .contains("does not include pre-releases (services.docs.tagPolicy)");
        // 75: the emergency rollback of staging, from the CLI through the operator entry: the event names the caller
        // whose signature the Function URL checked (an OnCall session)
        assertThat(run.err()).contains("$ shiplane rollback staging --all")
                .contains("Rollback Requested put on the bus (")
                .contains("(request story-75, as " + ON_CALL + ")");
        // 42 and 51 are operator requests too: they reach shiplane through prod's account's entry, signed as the
        // OnCall session of prod's account they name, never put on the bus as they are
        assertThat(section(run.err(), "42-emergency-rollback-prod.json", "50-monthly-rotation.json"))
                .contains("$ shiplane rollback prod --all").contains("(request req-emergency-1, as " + PROD_ON_CALL
                        + ")");
        assertThat(section(run.err(), "51-rollback-prod-api-restart.json", "60-push-web-1.6.0.json"))
                .contains("$ shiplane rollback prod api").contains("(request req-rollback-restart-1, as "
                        + PROD_ON_CALL + ")");
        assertRefusedDeveloper(run, mapper);
        assertThat(all).contains("Deployment Rolled Back staging/web manual");
        assertThat(types).filteredOn(t -> t.startsWith("Deployment Rolled Back staging/api alarm")).hasSize(1);
        // the release candidate and 2.3.0 (2.0.0 was rolled back at 25%, 2.2.0 failed its check before any traffic)
        assertThat(types).filteredOn(t -> t.startsWith("Traffic Shifted staging/api 50")).hasSize(2);
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
        assertThat(ghcr).containsSubsequence("Image Pushed", "Deployment Started staging/docs", "Image Pushed",
                "Deployment Started staging/docs");
        assertThat(ghcr).as("the replayed and the forged delivery publish nothing")
                .filteredOn("Image Pushed"::equals).hasSize(2);
        assertThat(run.err()).contains("10-ghcr-push-docs-1.3.0.json").contains("shiplane-webhook ← HTTPS /: 200 published")
                .contains("11-ghcr-push-docs-1.3.0-redelivered.json").contains(": 200 duplicate")
                .contains("12-ghcr-push-forged-signature.json").contains(": 401 unauthorized");
        // 13: GitHub delivers docs 1.3.1 as 'latest' (one tag per delivery); the webhook reads the version's tags
        // from GitHub's Packages API (the stand-in answers the documented shape) and staging deploys 1.3.1.
        var ghcrTags = run.out().lines().filter(SandboxIT::concernsGhcr).map(line -> {
            try {
                var event = mapper.readTree(line);
                return event.get("detail-type").asText().equals("Image Pushed") ? event.get("detail").get("tag").asText()
                        : null;
            } catch (Exception e) {
                throw new AssertionError("stdout line is not JSON: " + line, e);
            }
        }).filter(java.util.Objects::nonNull).toList();
        assertThat(ghcrTags).containsExactly("1.3.0", "1.3.1");
        assertThat(section(run.err(), "13-ghcr-push-docs-latest.json", "20-push-web-1.5.0.json"))
                .contains("GitHub API ← GET /orgs/monynha/packages/container/monynha%2Fdocs/versions/612345699: 200")
                .contains("200 published (announced ghcr.io/monynha/monynha/docs:1.3.1 as Image Pushed (delivered as"
                        + " 'latest'");
        assertRotationStep(run, mapper);
        // api declares a health check: every api rollout checks the new colour alone before traffic moves and the
        // live service before the old colour goes. 80-82: api 2.2.0's new colour answers 503; after three attempts
        // (retries are schedules, fired by the story clock) it is aborted with no traffic ever sent. 83-85: api
        // 2.3.0 passes, steps through staging, is promoted and steps through prod, checked before and after.
        var gateFailed = types.indexOf("Gate Failed staging/api pre-traffic");
        assertThat(gateFailed).isPositive();
        var failedCheck = types.subList(types.subList(0, gateFailed).lastIndexOf("Deployment Started staging/api"),
                types.indexOf("Deployment Aborted staging/api") + 1);
        assertThat(failedCheck).containsSubsequence("Health Check Due staging/api pre-traffic",
                "Health Check Due staging/api pre-traffic", "Health Check Due staging/api pre-traffic",
                "Gate Failed staging/api pre-traffic", "Deployment Aborted staging/api")
                .noneMatch(t -> t.startsWith("Traffic Shifted"));
        assertThat(types.subList(gateFailed, types.size())).containsSubsequence("Deployment Started staging/api",
                "Gate Passed staging/api pre-traffic", "Traffic Shifted staging/api 10",
                "Traffic Shifted staging/api 100", "Gate Passed staging/api post-promotion",
                "Deployment Succeeded staging/api", "Promotion Due", "Deployment Started prod/api",
                "Health Check Due prod/api pre-traffic", "Gate Passed prod/api pre-traffic",
                "Traffic Shifted prod/api 10", "Traffic Shifted prod/api 25", "Traffic Shifted prod/api 50",
                "Traffic Shifted prod/api 100", "Health Check Due prod/api post-promotion",
                "Gate Passed prod/api post-promotion", "Deployment Succeeded prod/api");
        assertThat(run.err()).contains("80-checks-will-fail-api.json").contains("health: status 503, expected 200"
                + " (attempt 3 of 3)").contains("chk-");
        assertNotifications(run, mapper);
        assertStackUpdate(run, types);
        assertLeadTimeFromTheCommit(run, mapper);
        assertLedgerAgreesWithEcs(run);
        assertTwoAccounts(run, mapper);
        assertThat(run.err()).contains("07-delete-web-image.json").contains("no rule matched: nothing was invoked")
                .contains("0 not handled");
    }

    /**
     * ECS's own engine, played by the sandbox (AWS's part, marked ⚙): web's canaries in staging and prod run every
     * stage, shift 10%, bake, shift the rest and bake again before ECS reports completion; 23-25: a gate alarm during
     * web 1.5.1's canary makes ECS roll it back and report the failure with the alarm's name.
     */
    static void assertEcsEngine(Run run) {
        var ecs = run.err().lines().filter(l -> l.startsWith("  ⚙ AWS ECS: monynha-")).toList();
        assertThat(ecs).anySatisfy(l -> assertThat(l).startsWith("  ⚙ AWS ECS: monynha-staging/web ")
                .contains("IN_PROGRESS: CANARY 10% → 100%, 5m per shift, final bake 5m, rollback on staging-web-5xx"));
        for (var cluster : List.of("monynha-staging/web ", "monynha-prod/web ")) {
            assertThat(ecs.stream().filter(l -> l.contains(cluster)).map(l -> l.substring(l.indexOf(cluster) + cluster.length())
                    .replaceFirst("^\\S+ ", "")).toList()).containsSubsequence(
                    "test traffic: 100% on the new revision", "production traffic: 10% on the new revision",
                    "bakes 5m", "production traffic: 100% on the new revision", "bakes 5m", "SUCCESSFUL");
        }
        var canary = section(run.err(), "23-push-web-1.5.1.json", "24-alarm-staging-web-5xx.json").lines()
                .filter(l -> l.contains("IN_PROGRESS: CANARY")).findFirst().orElseThrow();
        var deployment = canary.trim().split(" ")[4]; // ⚙ AWS ECS: <cluster/service> <deployment> IN_PROGRESS…
        assertThat(section(run.err(), "24-alarm-staging-web-5xx.json", "25-alarm-staging-web-5xx-ok.json"))
                .contains("monynha-staging/web " + deployment + " ROLLBACK_IN_PROGRESS: Service deployment rolled back"
                        + " because of alarm(s) in ALARM: staging-web-5xx.")
                .contains("monynha-staging/web " + deployment + " ROLLBACK_SUCCESSFUL");
    }

    /**
     * 90-91: a stack update changes staging web's memory. CloudFormation's part: the platform stacks are updated and
     * announced (UPDATE_COMPLETE). Shiplane's part: the settings revision is registered
     * and the deploy function redeploys the image web runs through ECS's engine.
     */
    static void assertStackUpdate(Run run, List<String> types) {
        var update = run.err().substring(run.err().indexOf("90-stack-update-staging-web-memory.json"));
        assertThat(update).contains("⚙ AWS CloudFormation: ShiplaneServiceInfra-staging UPDATE_COMPLETE")
                .contains("⚙ AWS CloudFormation: ShiplaneServiceInfra-prod UPDATE_COMPLETE");
        assertThat(update).contains("registered shiplane-settings-staging-web:");
        assertThat(update.substring(update.indexOf("91-advance-15m.json"))).contains("monynha-staging/web ")
                .contains("SUCCESSFUL");
    }

    /**
     * The approval story (events/story-approval, with its own configuration: prod requires an approval, so every prod
     * service runs on ECS's engine). ECS's part: prod's deployment pauses before any production traffic moves
     * (HOOK_AWAITING_ACTION), and one nobody approves is rolled back at the pause's timeout. Shiplane's part: the pause is announced as Approval Requested and {@code shiplane promote} continues it.
     */
    @Test
    void approvalStory_prodPausesBeforeProductionTraffic_untilPromotedOrTimedOut(@TempDir Path workDir)
            throws Exception {
        var story = RepoFiles.path("events/story-approval");
        var run = run(workDir, "--json", "--events", story.toString(), "--config", story.resolve("shiplane.yml").toString());
        Files.writeString(Path.of("target", "sandbox-approval-story.txt"), run.err());

        assertThat(run.exit()).as(run.err()).isZero();
        var err = run.err();
        var firstPause = section(err, "03-advance-30m.json", "04-cli-promote-prod-web.json");
        assertThat(firstPause).contains("⚙ AWS ECS: monynha-prod/web ")
                .contains("paused at POST_TEST_TRAFFIC_SHIFT: hook ecs-pause-")
                .contains("test traffic: 100% on the new revision")
                .doesNotContain("monynha-prod/web production traffic");
        assertThat(section(err, "08-advance-2h.json", "ECS services now:")).contains("timed out.")
                .contains("monynha-prod/web ").contains("ROLLBACK_SUCCESSFUL");
        var mapper = new ObjectMapper();
        var types = run.out().lines().map(line -> summary(mapper, line)).toList();
        assertThat(types).containsSubsequence("Deployment Started prod/web", "Approval Requested prod/web",
                "Deployment Succeeded prod/web");
        assertThat(section(err, "04-cli-promote-prod-web.json", "06-push-web-2.1.0.json"))
                .contains("continues: ContinueServiceDeployment CONTINUE")
                .contains("production traffic: 10% on the new revision").contains("SUCCESSFUL");
    }

    /**
     * 00, 19: the build pushed web 1.4.2 and 1.5.0 to ECR as image indexes annotated with their commits (played by
     * the sandbox); the deploy function reads each index back, so Image Pushed names the commit and web 1.5.0's
     * deployments, in staging and by promotion in prod, measure lead time from its commit, 20 minutes before the
     * push. 10: docs 1.3.0's GHCR delivery carries the commit in its labels. Pushes whose image names no commit
     * (api's) still measure from the push, and status says which (prod's web and docs end rolled back, so only
     * staging's figures are read there).
     */
    static void assertLeadTimeFromTheCommit(Run run, ObjectMapper mapper) throws Exception {
        assertThat(section(run.err(), "00-ecr-holds-web-1.4.2-index.json", "02-push-web-1.4.2-redelivered.json"))
                .contains("⚙ AWS ECR: monynha/web:1.4.2 pushed as an image index")
                .containsPattern("Image Pushed +monynha/web:1\\.4\\.2 from ecr \\(sha256:0b1f2c3d4e5f…\\) built from"
                        + " commit 2f6b1e9");
        var pushes = new java.util.HashMap<String, JsonNode>();
        var successes = new java.util.ArrayList<JsonNode>();
        for (var line : run.out().lines().toList()) {
            var event = mapper.readTree(line);
            var detail = event.get("detail");
            switch (event.get("detail-type").asText()) {
                case "Image Pushed" -> pushes.putIfAbsent(detail.get("repository").asText() + ":"
                        + detail.path("tag").asText(), detail);
                case "Deployment Succeeded" -> successes.add(detail);
                default -> { }
            }
        }
        assertThat(pushes.get("monynha/web:1.5.0").path("commit").path("sha").asText())
                .isEqualTo("9c4d2e7f1a3b5c6d7e8f90a1b2c3d4e5f6a7b8c9");
        assertThat(pushes.get("monynha/monynha/docs:1.3.0").path("commit").path("sha").asText())
                .isEqualTo("8f14e45fceea167a5a36dedd4bea2543c1a2b8d0");
        assertThat(pushes.get("monynha/api:2.0.0").has("commit")).as("api's images name no commit").isFalse();
        var web150 = successes.stream().filter(d -> "1.5.0".equals(d.path("image").path("tag").asText())
                && d.path("service").asText().equals("web")).toList();
        assertThat(web150).as("web 1.5.0 went live in staging, then in prod by promotion").hasSize(2)
                .allSatisfy(d -> {
                    var committedAt = java.time.Instant.parse(d.path("image").path("commit").path("committedAt").asText());
                    var pushedAt = java.time.Instant.parse(d.path("pushedAt").asText());
                    // the push is stamped to the second, the annotation to the millisecond; the story clock runs
                    // on between step 19 (the index is written) and step 20 (the push), by seconds on a busy machine
                    assertThat(java.time.Duration.between(committedAt, pushedAt)).isBetween(
                            java.time.Duration.ofMinutes(20).minusSeconds(1), java.time.Duration.ofMinutes(20).plusSeconds(30));
                });
        assertThat(run.err()).containsPattern("Deployment Succeeded staging/web +monynha-staging-web:\\d+ is live, lead"
                + " time \\d+[hms][0-9hms]* from commit 9c4d2e7")
                .containsPattern("Deployment Succeeded staging/docs +\\S+ is live, lead time \\d+[hms][0-9hms]* from commit 8f14e45")
                .containsPattern("Deployment Succeeded prod/web +monynha-prod-web:\\d+ is live, lead time \\d+[hms][0-9hms]* from"
                        + " commit 9c4d2e7")
                .containsPattern("Deployment Succeeded staging/api +\\S+ is live, lead time \\d+[hms][0-9hms]* from the push");
        var status = section(run.err(), "$ shiplane status", "✓ the ledger agrees with ECS");
        assertThat(status).contains("LEAD TIME FROM", "PUSH TO LIVE")
                .containsPattern("staging +web .* commit( \\d+/\\d+)? ")
                .containsPattern("staging +docs .* commit( \\d+/\\d+)? ")
                .containsPattern("staging +api .* push ");
    }

    /** The timeline from the line naming {@code from} to the one naming {@code to}. */
    /**
     * After the story, every service head names as stable the revision ECS runs — rollbacks (by alarm, ECS failure,
     * emergency, from the CLI), ECS's engine's own rollback, aborts and promotions included — with that revision's
     * image, never {@code unknown@unknown}; and the DORA figures of {@code shiplane status} are the story's own: every
     * replayed event is stamped when it happens and the functions run on the story's clock, so lead time and time to
     * restore are story minutes (the bakes and quiet periods the story advanced over included), not the days since the
     * files' dates, nor the seconds the machine took.
     */
    static void assertLedgerAgreesWithEcs(Run run) {
        assertThat(run.err()).contains("✓ the ledger agrees with ECS: ").doesNotContain("✗ the ledger disagrees");
        assertThat(section(run.err(), "✓ the ledger agrees with ECS: ", " run the stable revision"))
                .contains("staging/web", "staging/api", "staging/docs", "prod/web", "prod/docs");
        var status = section(run.err(), "$ shiplane status", "✓ the ledger agrees with ECS");
        assertThat(status).doesNotContain("unknown@unknown").contains("LEAD TIME");
        // Lead time runs from the push to the deployment's success, in story minutes; a day or more would be the
        // files' dates leaking in. ECS's canary takes web through staging with two 5-minute bakes; api steps through
        // 10-25-50-100% in staging every 5 minutes, is promoted to prod after 30 quiet minutes and steps there again.
        // (each environment's figures are in its own account's ledger)
        assertThat(leadTime(statusOf(run, STAGING_ACCOUNT), "staging", "web")).isBetween(Duration.ofMinutes(10),
                Duration.ofHours(24));
        assertThat(leadTime(statusOf(run, PROD_ACCOUNT), "prod", "api")).isBetween(Duration.ofMinutes(50),
                Duration.ofHours(24));
    }

    /** The table of the closing {@code shiplane status} of {@code account}'s ledger. */
    static String statusOf(Run run, String account) {
        return section(run.err(), "$ shiplane status   (the ledger of account " + account, "Who may act");
    }

    /**
     * shiplane.yml runs staging in 123456789012 and prod in 210987654321, so the story runs in two accounts: every
     * domain event about prod is published in prod's account (its deployments, rollbacks, refusals), every one about
     * staging in staging's; each account's ledger and ECS hold only its environments; a promotion crosses as a
     * {@code Promotion Cleared} forwarded by EventBridge (played by the sandbox) with staging's envelope; and prod's
     * operator requests are answered by prod's account's entry, signed by prod's OnCall, while staging's go to
     * staging's.
     */
    static void assertTwoAccounts(Run run, ObjectMapper mapper) throws Exception {
        var actsOnAnEnvironment = java.util.Set.of("Deployment Started",
                "Deployment Succeeded", "Deployment Failed", "Deployment Rolled Back", "Deployment Verified",
                "Deployment Blocked", "Deployment Aborted", "Traffic Shifted", "Rollback Requested", "Rollback Failed",
                "Request Refused", "Gate Passed", "Gate Failed", "Health Check Due", "Freeze Started",
                "Freeze Lifted");
        var err = run.err();
        assertThat(err).contains("account " + STAGING_ACCOUNT + " (staging): ")
                .contains("account " + PROD_ACCOUNT + " (prod): ");
        var byEnvironment = new java.util.TreeMap<String, java.util.Set<String>>();
        JsonNode prodEmergency = null;
        JsonNode stagingEmergency = null;
        JsonNode refusal = null;
        var notPromotable = new ArrayList<String>();
        var pushesHeardInProd = new ArrayList<String>();
        for (var line : run.out().lines().toList()) {
            var event = mapper.readTree(line);
            var detail = event.get("detail");
            var account = event.path("account").asText();
            var type = event.get("detail-type").asText();
            // what acts on an environment is decided in its account (requests to redeploy, published by each
            // account's rotation for every environment, and the staging side's promotion checks are not)
            if (detail.hasNonNull("env") && actsOnAnEnvironment.contains(type)) {
                byEnvironment.computeIfAbsent(detail.get("env").asText(), e -> new java.util.TreeSet<>()).add(account);
            }
            if (type.equals("Deployment Skipped") && detail.path("reason").asText().equals("not-promotable")) {
                notPromotable.add(detail.get("env").asText() + " " + account);
            }
            // prod takes every image by promotion: no push is forwarded to, or announced in, its account
            if (type.equals("Image Pushed") && account.equals(PROD_ACCOUNT)) {
                pushesHeardInProd.add(type + " " + detail.path("repository").asText() + ":" + detail.path("tag").asText());
            }
            if (type.equals("Deployment Skipped") && detail.path("env").asText().equals("prod")
                    && detail.path("reason").asText().equals("promotion")) {
                pushesHeardInProd.add(type + " prod/" + detail.path("service").asText() + " promotion in " + account);
            }
            switch (detail.path("requestId").asText()) {
                case "req-emergency-1" -> prodEmergency = event;
                case "story-75" -> stagingEmergency = event;
                case "story-77" -> refusal = event;
                default -> { }
            }
        }
        assertThat(byEnvironment).as("the account each environment's deployments, rollbacks and gates happened in")
                .containsEntry("staging", java.util.Set.of(STAGING_ACCOUNT))
                .containsEntry("prod", java.util.Set.of(PROD_ACCOUNT));
        // 22: docs 1.3.0's promotion comes due after staging moved on to 1.3.1: staging's account, which checks its own
        // ledger before clearing a promotion, refuses it and nothing crosses
        assertThat(notPromotable).containsExactly("prod " + STAGING_ACCOUNT);
        // pushes stay in the account that takes them directly: prod's stack acts on images only by promotion, so no
        // rule forwards a push to its bus and its deploy function never skips one as "taken by promotion"
        assertThat(pushesHeardInProd).as("pushes heard in prod's account").isEmpty();
        // the operators' requests: each on its environment's account's bus, through that account's entry
        assertThat(prodEmergency).as("42's request").isNotNull();
        assertThat(prodEmergency.get("account").asText()).isEqualTo(PROD_ACCOUNT);
        assertThat(prodEmergency.get("detail").get("requestedBy").asText()).isEqualTo(PROD_ON_CALL);
        assertThat(stagingEmergency).as("75's request").isNotNull();
        assertThat(stagingEmergency.get("account").asText()).isEqualTo(STAGING_ACCOUNT);
        assertThat(refusal.get("account").asText()).as("77 was refused by prod's entry").isEqualTo(PROD_ACCOUNT);
        var entries = err.lines().filter(l -> l.startsWith("  operators  account ")).toList();
        assertThat(entries).hasSize(2);
        // a promotion crosses from staging's bus to prod's as EventBridge forwards it, the sender's account kept
        assertThat(err).containsPattern("⚙ AWS EventBridge: Promotion Cleared \\S+ forwarded by rule \\S+ from account "
                + STAGING_ACCOUNT + " to account " + PROD_ACCOUNT + " \\(account " + STAGING_ACCOUNT + " kept\\) → rules ");
        assertThat(err).contains("┆ in account " + PROD_ACCOUNT + " (prod)");
        // each account's ledger and ECS hold its own environments only
        assertThat(err).contains("✓ the accounts are apart").contains("staging in " + STAGING_ACCOUNT + " only")
                .contains("prod in " + PROD_ACCOUNT + " only");
        // status with each account's credentials shows that account's environments, with their heads, and names the
        // other's (whose ledger is not readable there)
        assertThat(stableRevisions(statusOf(run, PROD_ACCOUNT), "prod")).isNotEmpty()
                .allMatch(r -> r.startsWith("monynha-prod-"));
        assertThat(stableRevisions(statusOf(run, PROD_ACCOUNT), "staging")).isEmpty();
        assertThat(statusOf(run, PROD_ACCOUNT)).contains("Not shown, in other accounts (their ledgers are read with"
                + " their credentials): staging (account " + STAGING_ACCOUNT + ")");
        assertThat(stableRevisions(statusOf(run, STAGING_ACCOUNT), "staging")).isNotEmpty()
                .allMatch(r -> r.startsWith("monynha-staging-"));
        assertThat(stableRevisions(statusOf(run, STAGING_ACCOUNT), "prod")).isEmpty();
        assertThat(statusOf(run, STAGING_ACCOUNT)).contains("Not shown, in other accounts (their ledgers are read with"
                + " their credentials): prod (account " + PROD_ACCOUNT + ")");
        var ecsNow = section(err, "ECS services now:", "$ shiplane status");
        assertThat(section(ecsNow, "  account " + PROD_ACCOUNT, "\n\n").lines()
                .filter(l -> l.trim().startsWith("staging ")).toList()).isEmpty();
    }

    /** The STABLE cell of each of {@code env}'s rows in a status table. */
    static List<String> stableRevisions(String status, String env) {
        return status.lines().map(String::trim).filter(l -> l.startsWith(env + " "))
                .map(l -> l.split("\\s+")).filter(cells -> cells.length > 3).map(cells -> cells[2]).toList();
    }

    /** The LEAD TIME cell of {@code env}/{@code service} in the status table, as a duration. */
    static Duration leadTime(String status, String env, String service) {
        var lines = status.lines().toList();
        var rowIndex = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).trim().matches(env + "\\s+" + service + "\\s.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + env + "/" + service + " row in\n" + status));
        var row = lines.get(rowIndex);
        // each account's ledger has a status table of its own: the row's is the nearest header above it
        var header = lines.subList(0, rowIndex).reversed().stream().filter(l -> l.contains("LEAD TIME")).findFirst()
                .orElseThrow();
        var column = header.indexOf("LEAD TIME");
        var cell = row.substring(column).trim().split("\\s+")[0];
        var figure = java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(cell);
        assertThat(figure.matches() && !cell.isEmpty()).as(env + "/" + service + " lead time '" + cell + "'").isTrue();
        return Duration.ofHours(figure.group(1) == null ? 0 : Long.parseLong(figure.group(1)))
                .plusMinutes(figure.group(2) == null ? 0 : Long.parseLong(figure.group(2)))
                .plusSeconds(figure.group(3) == null ? 0 : Long.parseLong(figure.group(3)));
    }

    /** staging's account (moto's default) and prod's: shiplane.yml names them, and prod's operators are of prod's. */
    static final String STAGING_ACCOUNT = "123456789012";
    static final String PROD_ACCOUNT = "210987654321";
    static final String ON_CALL = "arn:aws:sts::" + STAGING_ACCOUNT + ":assumed-role/OnCall/oncall@monynha.dev";
    static final String PROD_ON_CALL = "arn:aws:sts::" + PROD_ACCOUNT + ":assumed-role/OnCall/oncall@monynha.dev";
    static final String DEVELOPER = "arn:aws:sts::" + PROD_ACCOUNT + ":assumed-role/Developer/dev@monynha.dev";

    /**
     * 77: a developer asks the operator entry to deploy web 1.6.0 (the image prod's scan gate blocked) straight to
     * prod. prod lists its operators and a Developer session is not among them: the CLI exits 4 naming the action,
     * the environment and the identity, {@code Request Refused} is announced, and nothing acts on prod: no function
     * but the notifier runs, no deployment starts, and web in prod still runs what it ran.
     */
    static void assertRefusedDeveloper(Run run, ObjectMapper mapper) throws Exception {
        var step = section(run.err(), "77-cli-developer-deploys-prod-refused.json", "80-checks-will-fail-api.json");
        assertThat(step).contains("$ shiplane deploy prod web 1.6.0", "(as " + DEVELOPER + ")")
                .contains("shiplane: refused: deploy in prod as " + DEVELOPER)
                .contains("shiplane exited 4, as the story expects")
                .contains("Request Refused")
                .doesNotContain("Deployment Started").doesNotContain("Traffic Shifted")
                .doesNotContain("shiplane-deploy ←").doesNotContain("shiplane-canary ←")
                .doesNotContain("shiplane-rollback ←");
        var refusals = new ArrayList<JsonNode>();
        for (var line : run.out().lines().toList()) {
            var event = mapper.readTree(line);
            if (event.get("detail-type").asText().equals("Request Refused")) refusals.add(event.get("detail"));
        }
        assertThat(refusals).singleElement().satisfies(detail -> {
            assertThat(detail.path("action").asText()).isEqualTo("deploy");
            assertThat(detail.path("env").asText()).isEqualTo("prod");
            assertThat(detail.path("service").asText()).isEqualTo("web");
            assertThat(detail.path("requestedBy").asText()).isEqualTo(DEVELOPER);
            assertThat(detail.path("requestId").asText()).isEqualTo("story-77");
        });
        var ecsNow = section(run.err(), "ECS services now:", "$ shiplane status");
        assertThat(ecsNow.lines().filter(row -> row.trim().startsWith("prod ")).toList())
                .as("prod runs no image of 1.6.0").isNotEmpty().noneMatch(row -> row.contains(":1.6.0"));
    }

    static String section(String timeline, String from, String to) {
        var start = timeline.indexOf(from);
        assertThat(start).as(from + " in the timeline").isNotNegative();
        var end = timeline.indexOf(to, start);
        return timeline.substring(start, end < 0 ? timeline.length() : end);
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
     * 50: the monthly schedule fires in both accounts (each delivery stack has the rotation schedule): each account
     * rotates its own copy of every managed secret and asks every consumer to redeploy; each account's deploy function
     * restarts the consumers of its own environments only (staging's account staging's, prod's prod's). The database
     * secret takes part when the machine's PostgreSQL is reachable (always under CI, where .ci/run starts it);
     * otherwise the sandbox must say so.
     */
    static void assertRotationStep(Run run, ObjectMapper mapper) throws Exception {
        var rotated = new java.util.TreeMap<String, List<String>>();
        var redeploys = new java.util.TreeMap<String, List<String>>();
        var restarted = new java.util.TreeMap<String, java.util.Set<String>>();
        boolean rotating = false;
        for (var line : run.out().lines().toList()) {
            var event = mapper.readTree(line);
            var detail = event.get("detail");
            var account = event.path("account").asText();
            switch (event.get("detail-type").asText()) {
                case "Secret Rotated" -> {
                    rotating = true;
                    rotated.computeIfAbsent(account, a -> new ArrayList<>()).add(detail.get("secretName").asText());
                }
                case "Redeploy Requested" -> redeploys.computeIfAbsent(account, a -> new ArrayList<>())
                        .add(detail.get("env").asText() + "/" + detail.get("service").asText() + " "
                                + detail.get("requestedBy").asText());
                // the restarts, until 51's operator request (the next step)
                case "Rollback Requested" -> rotating = false;
                case "Deployment Started" -> {
                    if (rotating) {
                        restarted.computeIfAbsent(account, a -> new java.util.TreeSet<>())
                                .add(detail.get("env").asText() + "/" + detail.get("service").asText());
                    }
                }
                default -> { }
            }
        }
        assertThat(rotated).as("the accounts that rotated their secrets").containsOnlyKeys(STAGING_ACCOUNT,
                PROD_ACCOUNT);
        var postgresDown = new SandboxPostgres().unreachable();
        if (postgresDown.isPresent() && System.getenv("CI") == null) {
            assertThat(run.err()).contains("postgres   NOT REACHABLE");
            rotated.values().forEach(names -> assertThat(names).containsExactly("jwt-secret", "api-key"));
        } else {
            assertThat(run.err()).contains("50-monthly-rotation.json").contains("shiplane_sandbox")
                    .contains("postgres   account " + PROD_ACCOUNT + ": ");
            rotated.values().forEach(names -> assertThat(names).containsExactly("db-password", "jwt-secret",
                    "api-key"));
            assertThat(redeploys.get(STAGING_ACCOUNT)).contains("staging/api rotation:db-password",
                    "staging/web rotation:db-password");
            assertThat(redeploys.get(PROD_ACCOUNT)).contains("prod/api rotation:db-password",
                    "prod/web rotation:db-password");
        }
        assertThat(redeploys.get(STAGING_ACCOUNT)).contains("staging/api rotation:jwt-secret",
                "staging/web rotation:api-key");
        assertThat(redeploys.get(PROD_ACCOUNT)).contains("prod/api rotation:jwt-secret", "prod/web rotation:api-key");
        assertThat(redeploys.get(STAGING_ACCOUNT)).as("staging's stack asks only staging's consumers to restart")
                .allMatch(r -> r.startsWith("staging/"));
        assertThat(redeploys.get(PROD_ACCOUNT)).as("prod's stack asks only prod's consumers to restart")
                .allMatch(r -> r.startsWith("prod/"));
        assertThat(restarted).as("each account restarts its own environments' consumers")
                .containsEntry(STAGING_ACCOUNT, java.util.Set.of("staging/api", "staging/web"))
                .containsEntry(PROD_ACCOUNT, java.util.Set.of("prod/api", "prod/web"));
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
                ":arrow_right: api in staging: 10% of traffic on the new revision",
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

    /**
     * {@code --serve}: after its story the world keeps running; a push dropped in the inbox is deployed, the CLI with
     * the environment the sandbox wrote reads the ledger, the clock moves on request, and a stop directive ends it.
     */
    @Test
    void serving_replaysDroppedFiles_answersTheCli_andStopsOnRequest(@TempDir Path workDir) throws Exception {
        var story = Files.createDirectories(workDir.resolve("story"));
        Files.copy(RepoFiles.root().resolve("events/story/01-push-web-1.4.2.json"), story.resolve("01-push.json"));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var options = SandboxOptions.parse(new String[] {"--serve", "--json", "--events", story.toString()},
                workDir);
        var exit = new java.util.concurrent.CompletableFuture<Integer>();
        var serving = new Thread(() -> {
            try {
                exit.complete(new Sandbox(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)).run());
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "serving-sandbox");
        serving.start();
        var environmentFile = workDir.resolve(Inbox.ENVIRONMENT_FILE);
        awaitTrue(() -> Files.exists(environmentFile) || exit.isDone(), err);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isNotDone();

        var inbox = workDir.resolve(Inbox.DIRECTORY);
        Files.copy(RepoFiles.root().resolve("events/story/04-push-api-2.1.0-rc.1.json"), inbox.resolve("push.json"));
        // Until api's first step, not any line of the story's own (01-push.json, web's Traffic Shifted): files dropped
        // together are replayed in name order, and advance.json would come before push.json.
        var mapper = new ObjectMapper();
        awaitTrue(() -> out.toString(StandardCharsets.UTF_8).lines().anyMatch(line -> {
            try {
                return summary(mapper, line).equals("Traffic Shifted staging/api 10");
            } catch (AssertionError partlyWritten) {
                return false;
            }
        }), err);

        var environment = new java.util.HashMap<String, String>();
        for (var line : Files.readAllLines(environmentFile)) {
            environment.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        var cliOut = new java.io.StringWriter();
        int code = dev.shiplane.cli.ShiplaneCli.run(environment, new java.io.PrintWriter(cliOut),
                new java.io.PrintWriter(cliOut), "--local", "status");
        assertThat(code).as(cliOut.toString()).isZero();
        assertThat(cliOut.toString()).contains("staging").contains("api").contains("web");
        assertThat(environment).as("the story clock's lead, for the CLI's clock").containsKey(
                dev.shiplane.cli.ShiplaneCli.SANDBOX_CLOCK_AHEAD);

        Files.writeString(inbox.resolve("advance.json"), "{\"sandbox\": \"advance\", \"by\": \"10m\"}");
        awaitTrue(() -> err.toString(StandardCharsets.UTF_8).contains("advance.json"), err);
        Files.writeString(inbox.resolve("zz-stop.json"), "{\"sandbox\": \"stop\"}");

        assertThat(exit.get(300, java.util.concurrent.TimeUnit.SECONDS)).as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        var timeline = err.toString(StandardCharsets.UTF_8);
        assertThat(timeline).contains("Serving (--serve)").contains("the sandbox stops serving");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().map(line -> summary(mapper, line)).toList())
                .as("the story's push, then the dropped one; the 10-minute advance steps its canary on (a step every"
                        + " 5 story minutes)").containsSubsequence("Deployment Started staging/web",
                        "Deployment Started staging/api", "Traffic Shifted staging/api 10",
                        "Traffic Shifted staging/api 25");
        assertThat(timeline).as("the clock command was followed, then the stop")
                .containsSubsequence("advance.json", "zz-stop.json", "the sandbox stops serving");
        assertThat(environmentFile).as("the environment file exists only while the sandbox serves").doesNotExist();
    }

    /** Waits (test harness polling) up to five minutes for {@code condition}. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, ByteArrayOutputStream log)
            throws InterruptedException {
        var deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; the timeline so far:\n" + log.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(200);
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
        // two failures: the broken file, and the push without a digest dead-lettered by staging's deploy function.
        // The push is forwarded to no other account: prod takes web's images by promotion only, so its account gets
        // ECR's scan events but not the pushes (the delivery stack's forwarding rules).
        assertThat(run.out()).contains("02-broken.json is not a JSON event")
                .contains("detail.image-digest: missing").contains("dead-lettered")
                .contains("Deployment Started   staging/web")
                .contains("3 events replayed").contains("2 not handled");
    }
}
