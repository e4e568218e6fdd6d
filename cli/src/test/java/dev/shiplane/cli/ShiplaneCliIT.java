package dev.shiplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command against the emulator: requests go through the operator entry ({@link OperatorEntryWorld}) and arrive
 * on the bus as their documented events with the caller's verified ARN; status and history read what the ledger
 * holds; plan reads only shiplane.yml and changes nothing.
 */
@ExtendWith(EmulatorExtension.class)
class ShiplaneCliIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    TestAws aws;
    BusTap tap;
    /** staging's operator entry, in staging's account (moto's default), where {@link #aws} acts. */
    OperatorEntryWorld entry;
    /** prod's operator entry, ledger and bus, in prod's account (the repository's shiplane.yml puts prod there). */
    OperatorEntryWorld prod;
    BusTap prodTap;

    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        entry = new OperatorEntryWorld(aws);
        prod = new OperatorEntryWorld(aws, OperatorEntryWorld.PROD_ACCOUNT);
        prodTap = prod.provisionLedgerAndBus();
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        entry.close();
        prod.close();
    }

    Run shiplane(String... args) {
        return shiplaneWith("shiplane.yml", args);
    }

    Run shiplaneWith(String configFile, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var env = new java.util.HashMap<>(entry.withUrl());
        env.put("SHIPLANE_CONFIG_FILE", RepoFiles.path(configFile).toString());
        int code = ShiplaneCli.commandLine(env, new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    JsonNode onlyEventOnTheBus() throws Exception {
        var bodies = tap.drain();
        assertThat(bodies).hasSize(1);
        return JSON.readTree(bodies.getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "promote staging web     | Promote Requested",
            "abort staging web       | Abort Requested",
            "pause staging api       | Pause Requested",
            "resume staging api      | Resume Requested",
            "rollback staging docs   | Rollback Requested",
            "rollback staging --all  | Rollback Requested",
            "deploy staging api 2.0.0 | Deploy Requested"})
    void request_goesThroughTheEntry_andItsEventReachesTheBusWithTheCallersArn(String command, String detailType) throws Exception {
        var args = (command.trim() + " --reason because").split("\\s+");
        var run = shiplane(args);

        assertThat(run.code()).as(run.err()).isZero();
        var event = onlyEventOnTheBus();
        assertThat(event.path("detail-type").asText()).isEqualTo(detailType);
        assertThat(event.path("source").asText()).isEqualTo("shiplane");
        var detail = event.path("detail");
        assertThat(detail.path("requestedBy").asText()).startsWith("arn:aws:");
        assertThat(detail.path("env").asText()).isEqualTo(args[1]);
        assertThat(detail.path("reason").asText()).isEqualTo("because");
        assertThat(detail.path("requestId").asText()).isNotBlank();
        assertThat(run.out()).contains(detail.path("requestId").asText());
    }

    @Test
    void emergencyRollback_carriesAllAndNoService() throws Exception {
        var run = shiplane("rollback", "staging", "--all", "--json", "--request-id", "req-1");

        assertThat(run.code()).isZero();
        assertThat(run.json().path("requestId").asText()).isEqualTo("req-1");
        var detail = onlyEventOnTheBus().path("detail");
        assertThat(detail.path("all").asBoolean()).isTrue();
        assertThat(detail.has("service")).isFalse();
    }

    @Test
    void local_withNothingServing_saysHowToStartTheSandbox() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int code = ShiplaneCli.run(Map.of("SHIPLANE_ENDPOINT", "http://127.0.0.1:" + closedPort,
                        "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString(),
                        "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_MAX_ATTEMPTS", "1"),
                new java.io.PrintWriter(out), new java.io.PrintWriter(err), "--local", "status");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("nothing answers at the sandbox's emulator (http://127.0.0.1:" + closedPort
                + ")").contains("scripts/sandbox --serve");
    }

    @Test
    void deployByDigest_sendsTheDigestAndNoTag() throws Exception {
        assertThat(shiplane("deploy", "staging", "web", DIGEST).code()).isZero();

        var detail = onlyEventOnTheBus().path("detail");
        assertThat(detail.path("digest").asText()).isEqualTo(DIGEST);
        assertThat(detail.has("tag")).isFalse();
    }

    @Test
    void unknownServiceOrEnvironment_exits3AndPutsNothing() {
        var service = shiplane("promote", "staging", "billing");
        var env = shiplane("rollback", "qa", "--all");

        assertThat(service.code()).isEqualTo(ShiplaneCli.UNKNOWN_TARGET);
        assertThat(service.err()).contains("'billing' does not run in staging", "web");
        assertThat(env.code()).isEqualTo(ShiplaneCli.UNKNOWN_TARGET);
        assertThat(env.err()).contains("no environment 'qa'", "staging", "prod");
        assertThat(tap.drain()).isEmpty();
    }

    /**
     * prod lists its operators (shiplane.yml): an IAM user of prod's own account, acting through prod's entry, is not
     * among them.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rollback prod --all", "deploy prod web 1.5.0", "promote prod api",
            "freeze prod --until 2h --reason incident", "unfreeze prod"})
    void environmentThatListsItsOperators_refusesWhoeverIsNotListed_exit4_andOnlyTheRefusalIsAnnounced(
            String command) throws Exception {
        var run = run(prod.withUrl(), command.split(" "));

        assertThat(run.code()).as(run.err()).isEqualTo(ShiplaneCli.REFUSED);
        assertThat(run.err()).contains("shiplane: refused: " + command.split(" ")[0] + " in prod as " + prod.ops());
        var bodies = prodTap.drain();
        assertThat(bodies).hasSize(1);
        assertThat(JSON.readTree(bodies.getFirst()).path("detail-type").asText()).isEqualTo("Request Refused");
        assertThat(prod.aws().dynamo().scan(r -> r.tableName("shiplane-ledger")).items())
                .noneMatch(item -> item.get("pk").s().startsWith("FREEZE#"));
        assertThat(tap.drain()).as("staging's bus").isEmpty();
    }

    /** The CLI with the environment {@code env} (credentials, operator URL) and the repository's shiplane.yml. */
    Run run(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = ShiplaneCli.commandLine(env, new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void rollbackWithNeitherServiceNorAll_isAUsageError() {
        var run = shiplane("rollback", "prod");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("name a SERVICE or --all");
        assertThat(tap.drain()).isEmpty();
    }

    @Test
    void status_showsStableRevisionAndLastDeploymentFromTheLedger() throws Exception {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var at = Instant.parse("2026-11-26T10:00:00Z");
        var image = new ImageRef("ecr", "monynha/docs", "1.4.0", DIGEST, "123.dkr.ecr/monynha/docs@" + DIGEST);
        var td = "arn:aws:ecs:us-east-1:123456789012:task-definition/docs:7";
        var deployment = new Deployment("d-1", "staging", "docs", "push-1", image, DeploymentStatus.SUCCEEDED,
                DeploymentStatus.SUCCEEDED, null, td, "ecs-svc/1", at, at, at.plusSeconds(90), null);
        var state = ServiceState.initial("staging", "docs").stabilised(td);
        ledger.commit(List.of(deployment), state, 0);
        // A later deployment rolled back: the image column stays the stable revision's.
        var bad = new ImageRef("ecr", "monynha/docs", "1.5.0", DIGEST, "123.dkr.ecr/monynha/docs@" + DIGEST);
        ledger.save(new Deployment("d-2", "staging", "docs", "push-2", bad, DeploymentStatus.ROLLED_BACK,
                DeploymentStatus.ROLLED_BACK, td, td.replace(":7", ":8"), "ecs-svc/2", at, at.plusSeconds(200),
                at.plusSeconds(300),
                "alarm"));

        var table = shiplane("status", "staging");
        var json = shiplane("status", "staging", "--json");

        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("ENV", "SERVICE", "STABLE", "ROLLOUT", "LAST")
                .contains("docs:7", "rolled_back monynha/docs:1.5.0");
        var docs = json.json().findValues("service").stream().map(JsonNode::asText).toList();
        assertThat(docs).containsExactly("web", "api", "docs");
        assertThat(json.json().get(2).path("stable").asText()).isEqualTo("docs:7");
        assertThat(json.json().get(2).path("image").asText()).isEqualTo("monynha/docs:1.4.0");
        assertThat(json.json().get(0).has("last")).isFalse();
        assertThat(table.out()).contains("Who may act").doesNotContain("prod ");
        assertThat(json.json().get(0).has("operators")).isFalse(); // staging lists none
        // DORA over the last 30 days: the fixture's deployment ended in 2026-11-26 — outside the period when the
        // clock has moved on, so only its shape is asserted
        assertThat(json.json().get(2).has("deploys")).isTrue();
    }

    @Test
    void status_showsADeploymentWaitingForApproval_andTheCommandThatApprovesIt() {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var at = Instant.parse("2026-11-26T10:00:00Z");
        var image = new ImageRef("ecr", "monynha/docs", "1.5.0", DIGEST, "123.dkr.ecr/monynha/docs@" + DIGEST);
        var waiting = new Deployment("d-2", "staging", "docs", "push-2", image, DeploymentStatus.STARTED,
                DeploymentStatus.STARTED, "td:7", "td:8", "ecs-svc/2", at, at, at, null, null,
                new dev.shiplane.core.ledger.PendingApproval("arn:aws:ecs:us-east-1:123456789012:service-deployment/"
                        + "monynha-staging/docs/abc", "ecs-pause-1", at.plusSeconds(3600)));
        ledger.commit(List.of(waiting), ServiceState.initial("staging", "docs").activated("d-2", "ecs-svc/2"), 0);

        var json = shiplane("status", "staging", "--json");

        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.json().get(2).path("approval").asText())
                .isEqualTo("waiting until 2026-11-26T11:00:00Z: shiplane promote staging docs");
        assertThat(json.json().get(0).has("approval")).isFalse();
    }

    @Test
    void status_showsDoraFiguresOfThePeriod() {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var now = Instant.now();
        var ok = new ImageRef("ecr", "monynha/api", "2.0.0", DIGEST, "x/monynha/api@" + DIGEST);
        ledger.save(new Deployment("d-1", "staging", "api", "p-1", ok, DeploymentStatus.SUCCEEDED, null, "td:1",
                "td:2", null, now.minusSeconds(7200 + 1800), now.minusSeconds(7200), now.minusSeconds(7200 - 600), null));
        ledger.save(new Deployment("d-2", "staging", "api", "p-2", ok, DeploymentStatus.ROLLED_BACK, null, "td:2",
                "td:3", null, now.minusSeconds(3600), now.minusSeconds(3600), now.minusSeconds(3600 - 240),
                "alarm staging-api-5xx", now.minusSeconds(3600 - 60)));

        var row = shiplane("status", "staging", "--json").json().get(1);
        var table = shiplane("status", "staging");

        assertThat(row.path("service").asText()).isEqualTo("api");
        assertThat(row.path("deploys").asInt()).isEqualTo(2);
        assertThat(row.path("leadTime").asText()).isEqualTo("40m");
        assertThat(row.path("leadTimeFrom").asText()).isEqualTo("push");
        assertThat(row.path("pushToLive").asText()).isEqualTo("40m");
        assertThat(row.path("failureRate").asText()).isEqualTo("50%");
        // from the alarm (1m after the start) to the rollback (4m after it)
        assertThat(row.path("timeToRestore").asText()).isEqualTo("3m");
        assertThat(table.out()).contains("DEPLOYS", "LEAD TIME", "LEAD TIME FROM", "PUSH TO LIVE", "FAILURE RATE",
                "TIME TO RESTORE");
    }

    @Test
    void statusAndHistory_runTheLeadTimeFromTheCommit_whenTheImageSaysWhenItWasMade() {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var now = Instant.now();
        var pushedAt = now.minusSeconds(3600);
        var commit = new ImageCommit("8f14e45fceea167a5a36dedd4bea2543c9e1f7a0", pushedAt.minusSeconds(7200));
        var image = new ImageRef("ecr", "monynha/web", "1.4.2", DIGEST, "x/monynha/web@" + DIGEST, commit);
        ledger.save(new Deployment("d-1", "staging", "web", "p-1", image, DeploymentStatus.SUCCEEDED, null, "td:1",
                "td:2", null, pushedAt, pushedAt.plusSeconds(60), pushedAt.plusSeconds(1800), null));

        var row = shiplane("status", "staging", "--json").json().get(0);
        var history = shiplane("history", "staging", "web");
        var historyJson = shiplane("history", "staging", "web", "--json").json().get(0);

        assertThat(row.path("service").asText()).isEqualTo("web");
        assertThat(row.path("leadTime").asText()).isEqualTo("2h30m");
        assertThat(row.path("leadTimeFrom").asText()).isEqualTo("commit");
        assertThat(row.path("pushToLive").asText()).isEqualTo("30m");
        assertThat(history.out()).contains("COMMIT", "LEAD TIME", "8f14e45", "2h30m from commit");
        assertThat(historyJson.path("image").path("commit").path("sha").asText()).isEqualTo(commit.sha());
    }

    @Test
    void history_listsTheLedgerNewestFirst() {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var t0 = Instant.parse("2026-11-26T10:00:00Z");
        for (int i = 1; i <= 3; i++) {
            var image = new ImageRef("ecr", "monynha/api", "2.0." + i, DIGEST, "x/monynha/api@" + DIGEST);
            ledger.save(new Deployment("d-" + i, "staging", "api", "push-" + i, image,
                    i == 3 ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.SUCCEEDED, null, null,
                    "arn:aws:ecs:us-east-1:1:task-definition/api:" + i, null, t0, t0.plusSeconds(60L * i),
                    t0.plusSeconds(60L * i), i == 3 ? "alarm staging-api-5xx" : null));
        }

        var run = shiplane("history", "staging", "api", "--json");
        var table = shiplane("history", "staging", "api", "--limit", "2");

        assertThat(run.code()).isZero();
        assertThat(run.json().findValues("deploymentId").stream().map(JsonNode::asText).toList())
                .containsExactly("d-3", "d-2", "d-1");
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
                .contains("rolled_back", "monynha/api:2.0.3", "api:3", "alarm staging-api-5xx");
    }

    @Test
    void backfillHistory_bringsDeploymentsRecordedBeforeTheIndexIntoHistory_once() {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var t0 = Instant.parse("2026-11-26T10:00:00Z");
        var image = new ImageRef("ecr", "monynha/api", "2.0.1", DIGEST, "x/monynha/api@" + DIGEST);
        ledger.save(new Deployment("d-1", "staging", "api", "push-1", image, DeploymentStatus.SUCCEEDED, null, null,
                "td:1", null, t0, t0, t0.plusSeconds(60), null));
        // as today's code wrote it before the index: without its key and expiry
        aws.dynamo().updateItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SVC#staging#api"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("DEP#d-1")))
                .updateExpression("REMOVE historyAt, #ttl").expressionAttributeNames(Map.of("#ttl", "ttl")));
        assertThat(shiplane("history", "staging", "api", "--json").json()).isEmpty();

        var first = shiplane("backfill-history", "--json");
        var again = shiplane("backfill-history");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.json().path("indexed").asInt()).isEqualTo(1);
        assertThat(again.out()).contains("0 deployment(s) indexed");
        assertThat(shiplane("history", "staging", "api", "--json").json().findValues("deploymentId")
                .stream().map(JsonNode::asText).toList()).containsExactly("d-1");
    }

    @Test
    void status_findsTheActiveDeploymentsApproval_evenWhenItBeganBeforeThePeriod() {
        var ledger = new DynamoDbLedger(aws.dynamo(), "shiplane-ledger");
        var at = Instant.parse("2026-01-05T10:00:00Z");
        var image = new ImageRef("ecr", "monynha/docs", "1.5.0", DIGEST, "123.dkr.ecr/monynha/docs@" + DIGEST);
        var waiting = new Deployment("d-old", "staging", "docs", "push-2", image, DeploymentStatus.STARTED,
                DeploymentStatus.STARTED, "td:7", "td:8", "ecs-svc/2", at, at, at, null, null,
                new dev.shiplane.core.ledger.PendingApproval("arn:aws:ecs:us-east-1:123456789012:service-deployment/"
                        + "monynha-staging/docs/abc", "ecs-pause-1", at.plusSeconds(3600)));
        ledger.commit(List.of(waiting), ServiceState.initial("staging", "docs").activated("d-old", "ecs-svc/2"), 0);

        var json = shiplane("status", "staging", "--json", "--days", "7");

        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.json().get(2).path("approval").asText()).startsWith("waiting until 2026-01-05T11:00:00Z");
        assertThat(json.json().get(2).path("last").asText()).startsWith("started monynha/docs:1.5.0");
        assertThat(json.json().get(2).path("deploys").asInt()).isZero();
    }

    @Test
    void plan_showsWhatAPushWouldDoAndChangesNothing() throws Exception {
        var run = shiplane("plan", "monynha/web", "1.5.0", "--json");
        var latest = shiplane("plan", "monynha/web", "latest");
        var unknown = shiplane("plan", "monynha/legacy", "1.0.0");

        assertThat(run.code()).as(run.err()).isZero();
        var targets = run.json().path("targets");
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).path("env").asText()).isEqualTo("staging");
        assertThat(targets.get(0).path("deploys").asBoolean()).isTrue();
        assertThat(targets.get(0).path("strategy").asText()).isEqualTo("canary");
        assertThat(targets.get(0).path("steps").toString()).isEqualTo("[10,100]"); // ECS's canary
        assertThat(targets.get(0).path("freeze").asText()).isEqualTo("none");
        assertThat(targets.get(1).path("reason").asText()).isEqualTo("promotion");
        assertThat(targets.get(0).path("bake").asText()).isEqualTo("PT5M");
        assertThat(targets.get(0).path("gates").asText())
                .isEqualTo("scan reported only; pre-traffic: health; post-promotion: health");
        assertThat(targets.get(1).path("gates").asText()).startsWith("scan ≤ MEDIUM (waits up to 30m)");
        assertThat(latest.out()).contains("skip: policy", "latest").contains("GATES");
        assertThat(unknown.out()).contains("unknown-repository");
        // who may act by hand where the push goes: staging lists nobody (its account), prod its operators (roles of
        // prod's own account, 210987654321)
        assertThat(run.json().path("operators").has("staging")).isFalse(); // no list: absent
        assertThat(run.json().path("operators").path("prod").path("deploy").toString()).isEqualTo(
                "[\"arn:aws:iam::210987654321:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Releasers_*\"]");
        assertThat(latest.out()).contains("Who may act").containsPattern(
                "staging +all +any principal of shiplane's account allowed to invoke the operator entry")
                .containsPattern("prod +deploy,promote,unfreeze +arn:aws:iam::210987654321:role/aws-reserved/"
                        + "sso.amazonaws.com/AWSReservedSSO_Releasers_\\*\n")
                .containsPattern("prod +rollback,abort,pause,resume,freeze +arn:aws:iam::210987654321:role/OnCall ");
        assertThat(tap.drain()).isEmpty();
        assertThat(aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).count()).isZero();
    }

    @Test
    void freeze_isKeptInTheLedger_andPlanShowsIt_untilUnfreeze() throws Exception {
        var frozen = shiplane("freeze", "staging", "--until", "2h", "--reason", "incident 42", "--json");

        assertThat(frozen.code()).as(frozen.err()).isZero();
        assertThat(frozen.json().path("requestedBy").asText()).startsWith("arn:aws:");
        var item = aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FREEZE#staging"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FREEZE")))).item();
        assertThat(item.get("reason").s()).isEqualTo("incident 42");
        var plan = shiplane("plan", "monynha/web", "1.5.0", "--json").json().path("targets").get(0);
        assertThat(plan.path("deploys").asBoolean()).isFalse();
        assertThat(plan.path("reason").asText()).isEqualTo("freeze");
        assertThat(plan.path("freeze").asText()).startsWith("frozen: staging is frozen until").endsWith("incident 42");
        var started = onlyEventOnTheBus();
        assertThat(started.path("detail-type").asText()).isEqualTo("Freeze Started");
        assertThat(started.path("detail").path("env").asText()).isEqualTo("staging");
        assertThat(started.path("detail").path("reason").asText()).isEqualTo("incident 42");
        assertThat(started.path("detail").path("requestedBy").asText()).startsWith("arn:aws:");
        assertThat(started.path("detail").path("until").asText()).isEqualTo(item.get("until").s());

        var lifted = shiplane("unfreeze", "staging");

        assertThat(lifted.out()).contains("Freeze Lifted put on the bus");
        var liftedEvent = onlyEventOnTheBus();
        assertThat(liftedEvent.path("detail-type").asText()).isEqualTo("Freeze Lifted");
        assertThat(liftedEvent.path("detail").path("env").asText()).isEqualTo("staging");
        assertThat(liftedEvent.path("detail").path("reason").asText()).isEqualTo("incident 42");
        assertThat(liftedEvent.path("detail").path("requestedBy").asText()).startsWith("arn:aws:");
        assertThat(shiplane("unfreeze", "staging").out()).contains("was not frozen");
        assertThat(tap.drain()).as("lifting no freeze announces nothing").isEmpty();
        assertThat(shiplane("plan", "monynha/web", "1.5.0", "--json").json().path("targets").get(0)
                .path("deploys").asBoolean()).isTrue();
    }

    /**
     * The sandbox's story clock runs ahead of the machine's by its advances; with {@code --local} the CLI reads that lead
     * from the environment the serving sandbox writes, so a freeze ends on the clock the functions run on.
     */
    @Test
    void local_commandsRunOnTheServingSandboxsStoryClock() throws Exception {
        // the entry refuses a freeze that ends before its own now, so the CLI's machine is this one's
        var machine = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var env = new java.util.HashMap<>(entry.withUrl());
        env.put("SHIPLANE_ENDPOINT", env.get("AWS_ENDPOINT_URL"));
        env.put(ShiplaneCli.SANDBOX_CLOCK_AHEAD, "PT1H30M");
        var clock = java.time.Clock.fixed(machine, java.time.ZoneOffset.UTC);

        var local = new StringWriter();
        assertThat(ShiplaneCli.run(env, clock, new PrintWriter(local), new PrintWriter(local), "--local", "freeze",
                "staging", "--until", "2h", "--reason", "story")).as(local.toString()).isZero();
        var localUntil = frozenUntil("staging");
        var remote = new StringWriter();
        assertThat(ShiplaneCli.run(env, clock, new PrintWriter(remote), new PrintWriter(remote), "freeze", "staging",
                "--until", "2h", "--reason", "aws")).as(remote.toString()).isZero();

        assertThat(localUntil).isEqualTo(machine.plus(java.time.Duration.ofMinutes(90 + 120)));
        assertThat(frozenUntil("staging")).as("without --local the lead is not the CLI's")
                .isEqualTo(machine.plus(java.time.Duration.ofHours(2)));
    }

    Instant frozenUntil(String env) {
        return Instant.parse(aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FREEZE#" + env),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FREEZE")))).item()
                .get("until").s());
    }

    @Test
    void freezeWithoutAReadableEnd_isAUsageError_andUnknownEnvironmentExits3() {
        var badEnd = shiplane("freeze", "staging", "--until", "tomorrow", "--reason", "x");
        var unknown = shiplane("freeze", "qa", "--until", "1h", "--reason", "x");

        assertThat(badEnd.code()).isEqualTo(2);
        assertThat(badEnd.err()).contains("--until: 'tomorrow'");
        assertThat(unknown.code()).isEqualTo(ShiplaneCli.UNKNOWN_TARGET);
        assertThat(aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).count()).isZero();
    }

    @Test
    void environmentInAnotherAccount_exits2NamingBothAccounts_andReadsOrPutsNothing() {
        var accounts = "functions/testkit/configs/accounts.yml";
        var status = shiplaneWith(accounts, "status", "prod");
        var rollback = shiplaneWith(accounts, "rollback", "prod", "web");
        var own = shiplaneWith(accounts, "status", "staging", "--json");

        for (var refused : List.of(status, rollback)) {
            assertThat(refused.code()).isEqualTo(ShiplaneCli.USAGE);
            assertThat(refused.err()).contains("prod is in account 210987654321; these credentials are for"
                    + " 123456789012");
        }
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(tap.drain()).isEmpty();
    }

    @Test
    void statusOfAllEnvironments_showsThoseOfTheCallersAccount_andNamesTheOthers() {
        var accounts = "functions/testkit/configs/accounts.yml";
        var table = shiplaneWith(accounts, "status");
        var json = shiplaneWith(accounts, "status", "--json");

        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("staging +web").doesNotContainPattern("(?m)^prod +web")
                .contains("Not shown, in other accounts (their ledgers are read with their credentials): prod"
                        + " (account 210987654321)");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.json()).isNotEmpty().allSatisfy(row -> assertThat(row.path("env").asText()).isEqualTo("staging"));
    }

    @Test
    void plan_namesEachEnvironmentsAccount_andTheAccountOfTheEcrRepository() {
        var accounts = "functions/testkit/configs/accounts.yml";
        var table = shiplaneWith(accounts, "plan", "monynha/web", "1.5.0");
        var json = shiplaneWith(accounts, "plan", "monynha/web", "1.5.0", "--json").json();

        assertThat(table.out()).contains("ACCOUNT").containsPattern("staging +123456789012")
                .containsPattern("prod +210987654321")
                .contains("ECR repository monynha/web of web: in account 123456789012");
        assertThat(json.path("accounts").toString()).isEqualTo("{\"staging\":\"123456789012\",\"prod\":\"210987654321\"}");
        assertThat(json.path("ecrAccounts").path("web").asText()).isEqualTo("123456789012");
        assertThat(shiplaneWith("functions/testkit/configs/rolling.yml", "plan", "monynha/web", "1.5.0").out())
                .doesNotContain("ACCOUNT");
    }

    @Test
    void planWithoutAReachableLedger_stillPlansFromShiplaneYml() {
        var run = shiplane("plan", "monynha/web", "1.5.0", "--json", "--endpoint", "http://127.0.0.1:1");

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("ad-hoc freezes not read");
        assertThat(run.json().path("targets").get(0).path("deploys").asBoolean()).isTrue();
    }

    @Test
    void help_listsEveryCommandAndTheExitCodes() {
        var run = shiplane("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("deploy", "rollback", "promote", "abort", "pause", "resume", "status",
                "history", "plan", "freeze", "unfreeze", "Exit codes", "unknown environment or service");
    }
}
