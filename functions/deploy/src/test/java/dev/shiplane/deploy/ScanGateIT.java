package dev.shiplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ScanFrequency;
import software.amazon.awssdk.services.ecr.model.ScanType;

/**
 * The scan gate through the deploy handler on the emulator: a push to gated prod is held with nothing in ECS
 * changed, the events/aws scan samples resume or block it, a scan that never comes is blocked by its one-shot
 * schedule, and a blocked push leaves every ECS service and task definition family as it was.
 */
@ExtendWith(EmulatorExtension.class)
class ScanGateIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEB_160 = "sha256:6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c6c";

    TestAws aws;
    DueSchedules schedules;
    BusTap tap;
    DeployHandler handler;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        var busArn = aws.createBus("shiplane");
        schedules = new DueSchedules(aws);
        schedules.createGroup("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        for (var cluster : List.of("monynha-staging", "monynha-prod")) {
            for (var service : List.of("web", "api")) {
                aws.ecsService(cluster, service, service, "monynha/" + service + ":1.0.0");
            }
        }
        // Both repositories are scanned on push (a registry rule), as the gate expects in production.
        var ecr = aws.build(EcrClient.builder());
        for (var repository : List.of("monynha/web", "monynha/api")) {
            ecr.createRepository(r -> r.repositoryName(repository));
        }
        ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.BASIC).rules(rule -> rule
                .scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                .repositoryFilters(f -> f.filter("monynha/*").filterType("WILDCARD"))));
        handler = new DeployHandler(aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/testkit/configs/scan-gate.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn,
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger")));
    }

    String invoke(byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("deploy"));
        return JSON.readTree(out.toByteArray()).get("result").asText();
    }

    /** Invokes an event, then every Image Pushed it caused; returns what reached the bus as summaries. */
    List<String> replay(byte[] event) throws IOException {
        invoke(event);
        List<String> seen = new ArrayList<>();
        for (var body : tap.drain()) {
            seen.add(summary(body));
            if ("Image Pushed".equals(BusTap.detailType(body))) {
                invoke(body.getBytes(StandardCharsets.UTF_8));
                tap.drain().forEach(b -> seen.add(summary(b)));
            }
        }
        return seen;
    }

    static String summary(String body) {
        try {
            var e = JSON.readTree(body);
            JsonNode d = e.get("detail");
            return e.get("detail-type").asText() + (d.has("env") ? " " + d.get("env").asText() : "")
                    + (d.has("enforced") ? (d.get("enforced").asBoolean() ? " enforced" : " reported") : "");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The web 1.6.0 push of the story: the digest the scan samples report on. */
    byte[] pushWeb160() {
        return RepoFiles.text("events/aws/ecr-image-push-web-1.5.0.json")
                .replace("5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a5e1a", WEB_160.substring(7))
                .replace("\"1.5.0\"", "\"1.6.0\"").replace("2f9d8c7b", "2f9d8c7c")
                .getBytes(StandardCharsets.UTF_8);
    }

    String serviceTaskDefinition(String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst()
                .taskDefinition();
    }

    int revisions(String family) {
        return aws.ecs().listTaskDefinitions(r -> r.familyPrefix(family)).taskDefinitionArns().size();
    }

    List<String> ledgerStatuses(String env) {
        return aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items().stream()
                .filter(i -> i.containsKey("type") && i.get("type").s().equals("deployment"))
                .filter(i -> i.get("env").s().equals(env)).map(i -> i.get("status").s()).toList();
    }

    @Test
    void pushToGatedProd_isHeldAwaitingItsScan_withEcsUntouched() throws IOException {
        var events = replay(pushWeb160());

        assertThat(events).containsExactly("Image Pushed", "Deployment Started staging");
        assertThat(serviceTaskDefinition("monynha-prod", "web")).endsWith("monynha-prod-web:1");
        assertThat(revisions("monynha-prod-web")).isEqualTo(1);
        assertThat(ledgerStatuses("prod")).containsExactly("AWAITING_SCAN");
        assertThat(schedules.pending("shiplane")).extracting(DueSchedules.Pending::name)
                .singleElement().satisfies(name -> assertThat(name).endsWith("-scan"));
    }

    @Test
    void criticalFinding_blocksProd_andChangesNothingInEcs() throws IOException {
        replay(pushWeb160());

        var events = replay(RepoFiles.bytes("events/aws/ecr-image-scan-critical.json"));

        assertThat(events).containsExactly("Gate Failed staging reported", "Gate Failed prod enforced",
                "Deployment Blocked prod");
        assertThat(serviceTaskDefinition("monynha-prod", "web")).endsWith("monynha-prod-web:1");
        assertThat(revisions("monynha-prod-web")).isEqualTo(1);
        assertThat(ledgerStatuses("prod")).containsExactly("BLOCKED");
        assertThat(schedules.pending("shiplane")).isEmpty();
    }

    @Test
    void failedScan_blocksProd() throws IOException {
        replay(pushWeb160());

        var events = replay(RepoFiles.bytes("events/aws/ecr-image-scan-failed.json"));

        assertThat(events).contains("Deployment Blocked prod");
        assertThat(revisions("monynha-prod-web")).isEqualTo(1);
    }

    @Test
    void scanWithinTolerance_resumesProd() throws IOException {
        replay(RepoFiles.bytes("events/aws/ecr-image-push-api-2.0.0.json"));

        var events = replay(RepoFiles.bytes("events/aws/ecr-image-scan-tolerated.json"));

        assertThat(events).containsExactly("Gate Passed staging reported", "Gate Passed prod enforced",
                "Deployment Started prod");
        assertThat(serviceTaskDefinition("monynha-prod", "api")).endsWith("monynha-prod-api:2");
        assertThat(ledgerStatuses("prod")).containsExactly("STARTED");
    }

    @Test
    void scanThatNeverArrives_isBlockedByTheTimeoutSchedule() throws IOException {
        replay(pushWeb160());

        var fired = schedules.fireNext("shiplane");
        var events = replay(fired.event());

        assertThat(fired.name()).endsWith("-scan");
        assertThat(events).containsExactly("Gate Failed prod enforced", "Deployment Blocked prod");
        assertThat(revisions("monynha-prod-web")).isEqualTo(1);
    }

    @Test
    void redeliveredScanEvent_decidesOnce() throws IOException {
        replay(pushWeb160());
        replay(RepoFiles.bytes("events/aws/ecr-image-scan-critical.json"));

        var again = replay(RepoFiles.bytes("events/aws/ecr-image-scan-critical.json"));

        assertThat(again).containsExactly("Gate Failed staging reported");
    }
}
