package dev.shiplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.MalformedEventException;
import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deploy handler end to end against the emulator: events from events/ in, real ECS task definitions, services,
 * ledger items and bus deliveries (through an EventBridge rule to SQS) out.
 */
@ExtendWith(EmulatorExtension.class)
class DeployHandlerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    TestAws aws;
    String busArn;
    DueSchedules schedules;
    BusTap tap;
    DeployHandler handler;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        busArn = aws.createBus("shiplane");
        schedules = new DueSchedules(aws);
        schedules.createGroup("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        for (var cluster : List.of("monynha-staging", "monynha-prod")) {
            for (var service : List.of("web", "api", "docs")) {
                aws.ecsService(cluster, service, service, "monynha/" + service + ":1.0.0");
            }
        }
        handler = new DeployHandler(environment(RepoFiles.path("functions/testkit/configs/rolling.yml").toString()));
    }

    Map<String, String> environment(String configFile) {
        return aws.environment(Map.of("SHIPLANE_CONFIG_FILE", configFile, "SHIPLANE_BUS_NAME", "shiplane",
                "SHIPLANE_BUS_ARN", busArn, "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger"));
    }

    String invoke(byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("deploy"));
        return JSON.readTree(out.toByteArray()).get("result").asText();
    }

    /** Replays an AWS event, then every shiplane event it caused that the deploy function subscribes to. */
    List<JsonNode> push(String sample) throws IOException {
        invoke(RepoFiles.bytes("events/aws/" + sample));
        List<JsonNode> seen = new java.util.ArrayList<>();
        for (var body : tap.drain()) {
            seen.add(JSON.readTree(body));
            if ("Image Pushed".equals(BusTap.detailType(body))) {
                invoke(body.getBytes(StandardCharsets.UTF_8));
                tap.drain().forEach(b -> seen.add(read(b)));
            }
        }
        return seen;
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> summary(List<JsonNode> events) {
        return events.stream().map(e -> e.get("detail-type").asText()
                + (e.get("detail").has("env") ? " " + e.get("detail").get("env").asText() : "")
                + (e.get("detail").has("reason") ? " " + e.get("detail").get("reason").asText() : "")).toList();
    }

    String serviceTaskDefinition(String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst().taskDefinition();
    }

    int revisions(String family) {
        return aws.ecs().listTaskDefinitions(r -> r.familyPrefix(family)).taskDefinitionArns().size();
    }

    @Test
    void ecrPush_deploysTheDigestToEveryAdmittingEnvironment() throws IOException {
        var events = push("ecr-image-push.json");

        assertThat(summary(events)).containsExactly("Image Pushed", "Deployment Started staging", "Deployment Started prod");
        for (var cluster : List.of("monynha-staging", "monynha-prod")) {
            var td = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(serviceTaskDefinition(cluster, "web")))
                    .taskDefinition();
            assertThat(td.revision()).isEqualTo(2);
            assertThat(td.containerDefinitions().getFirst().image())
                    .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + DIGEST);
            assertThat(td.containerDefinitions().getFirst().environment()).extracting(kv -> kv.name() + "=" + kv.value())
                    .containsExactly("NODE_ENV=production");
            assertThat(td.containerDefinitions().getFirst().secrets()).hasSize(1);
        }
        assertThat(serviceTaskDefinition("monynha-prod", "api")).endsWith("monynha-prod-api:1");
        var started = events.get(2).get("detail");
        assertThat(started.get("toTaskDefinition").asText()).isEqualTo(serviceTaskDefinition("monynha-prod", "web"));
        assertThat(started.get("fromTaskDefinition").asText()).endsWith("monynha-prod-web:1");
        var items = aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items();
        assertThat(items).filteredOn(i -> i.get("type").s().equals("deployment"))
                .extracting(i -> i.get("env").s() + ":" + i.get("status").s() + ":" + i.get("digest").s())
                .containsExactlyInAnyOrder("staging:STARTED:" + DIGEST, "prod:STARTED:" + DIGEST);
    }

    @Test
    void deployRequested_findsTheTagInEcr_andDeploysItsDigestThroughTheDeployPath() throws IOException {
        var ecr = aws.build(software.amazon.awssdk.services.ecr.EcrClient.builder());
        ecr.createRepository(r -> r.repositoryName("monynha/api"));
        var digest = ecr.putImage(r -> r.repositoryName("monynha/api").imageTag("2.0.0").imageManifest(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
                        + "\"size\":1,\"digest\":\"sha256:" + "c".repeat(64) + "\"},\"layers\":[]}"))
                .image().imageId().imageDigest();

        var result = invoke(RepoFiles.bytes("events/shiplane/deploy-requested.json"));
        var again = invoke(RepoFiles.bytes("events/shiplane/deploy-requested.json"));

        assertThat(result).contains("arn:aws:iam::123456789012:user/ops");
        var events = tap.drain().stream().map(DeployHandlerIT::read).toList();
        assertThat(summary(events)).containsExactly("Deployment Started staging", "Deployment Skipped staging duplicate");
        assertThat(events.getFirst().path("detail").path("image").path("digest").asText()).isEqualTo(digest);
        assertThat(events.getFirst().path("detail").path("pushId").asText()).isEqualTo("deploy:req-deploy-1");
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition(serviceTaskDefinition("monynha-staging", "api")))
                .taskDefinition().containerDefinitions().getFirst().image()).endsWith("/monynha/api@" + digest);
        assertThat(again).contains("duplicate");
    }

    @Test
    void pushWhileAnOperatorFroze_isSkippedAsFreeze_thereOnly() throws IOException {
        var now = java.time.Instant.now();
        new dev.shiplane.aws.DynamoDbFreezes(aws.dynamo(), "shiplane-ledger").put(new dev.shiplane.core.freeze.Freeze(
                "staging", "incident 42", now.plusSeconds(3600), "arn:aws:iam::123456789012:user/ops", now));

        var events = push("ecr-image-push.json");

        assertThat(summary(events)).containsExactly("Image Pushed", "Deployment Skipped staging freeze",
                "Deployment Started prod");
        assertThat(events.get(1).path("detail").path("detail").asText()).contains("incident 42");
        assertThat(revisions("monynha-staging-web")).isEqualTo(1);
    }

    @Test
    void sameEcrEventDeliveredTwice_deploysOnce() throws IOException {
        push("ecr-image-push.json");

        var again = push("ecr-image-push.json");

        assertThat(summary(again)).containsExactly("Image Pushed", "Deployment Skipped staging duplicate",
                "Deployment Skipped prod duplicate");
        assertThat(revisions("monynha-prod-web")).isEqualTo(2);
    }

    @Test
    void latestPreReleaseUnknownAndUntaggedPushes_areSkippedWithReasons() throws IOException {
        assertThat(summary(push("ecr-image-push-latest.json")))
                .containsExactly("Image Pushed", "Deployment Skipped staging policy", "Deployment Skipped prod policy");
        assertThat(summary(push("ecr-image-push-prerelease.json")))
                .containsExactly("Image Pushed", "Deployment Started staging", "Deployment Skipped prod policy");
        assertThat(summary(push("ecr-image-push-unknown-repository.json")))
                .containsExactly("Image Pushed", "Deployment Skipped unknown-repository");
        assertThat(summary(push("ecr-image-push-untagged.json")))
                .containsExactly("Image Pushed", "Deployment Skipped staging no-tag", "Deployment Skipped prod no-tag");
        assertThat(serviceTaskDefinition("monynha-prod", "api")).endsWith(":1");
        assertThat(serviceTaskDefinition("monynha-staging", "api")).endsWith(":2");
    }

    @Test
    void deleteAndFailedPushes_publishNothing() throws IOException {
        assertThat(invoke(RepoFiles.bytes("events/aws/ecr-image-delete.json"))).startsWith("ignored");
        assertThat(invoke(RepoFiles.bytes("events/aws/ecr-image-push-failed.json"))).startsWith("ignored");
        assertThat(tap.drain()).isEmpty();
    }

    @Test
    void ecsCompletion_closesTheDeploymentAsSucceeded() throws IOException {
        push("ecr-image-push.json");
        var ecsDeploymentId = aws.ecs().describeServices(r -> r.cluster("monynha-prod").services("web")).services()
                .getFirst().deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow().id();
        var completed = RepoFiles.text("events/aws/ecs-deployment-completed.json")
                .replace("ecs-svc/6301838913465711234", ecsDeploymentId);

        assertThat(invoke(completed.getBytes(StandardCharsets.UTF_8))).isEqualTo("succeeded");
        assertThat(invoke(completed.getBytes(StandardCharsets.UTF_8))).startsWith("ignored");

        var bodies = tap.drain();
        var events = bodies.stream().map(DeployHandlerIT::read).toList();
        assertThat(summary(events)).containsExactly("Deployment Succeeded prod");
        // The success comes back to the deploy function, which cleans the family: one revision of shiplane's, kept.
        assertThat(invoke(bodies.getFirst().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("revisions of monynha-prod-web: nothing to deregister (1 of shiplane's revisions, 5 kept)");
        assertThat(revisions("monynha-prod-web")).isEqualTo(2);
        var head = aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SVC#prod#web"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("STATE")))).item();
        assertThat(head.get("stableTaskDefinition").s()).isEqualTo(serviceTaskDefinition("monynha-prod", "web"));
        // one bake later, a one-shot schedule asks for verification: quiet alarms make the revision known-good
        var verification = schedules.fireNext("shiplane");
        assertThat(verification.name()).endsWith("-verify");
        assertThat(invoke(verification.event())).startsWith("verified");
        assertThat(summary(tap.drain().stream().map(DeployHandlerIT::read).toList()))
                .containsExactly("Deployment Verified prod");
    }

    @Test
    void malformedEvent_failsNamingTheFieldAndChangesNothing() {
        var broken = RepoFiles.text("events/aws/ecr-image-push.json").replace("\"image-digest\"", "\"digest\"");

        assertThatThrownBy(() -> invoke(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.image-digest: missing");
        assertThat(tap.drain()).isEmpty();
        assertThat(revisions("monynha-prod-web")).isEqualTo(1);
    }

    @Test
    void invalidConfig_stopsTheFunctionBeforeAnyAwsCall() throws IOException {
        var bad = Files.createTempFile("shiplane", ".yml");
        Files.writeString(bad, "environments:\n  prod:\n    clustr: monynha-prod\n");

        assertThatThrownBy(() -> new DeployHandler(environment(bad.toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown key 'environments.prod.clustr'");
        assertThat(tap.drain()).isEmpty();
    }
}
