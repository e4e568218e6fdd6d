package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.Emulators;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Every sample in {@code events/aws} and {@code events/shiplane} put on its bus of moto's EventBridge, whose rules
 * are the delivery template's own patterns with each function replaced by an SQS queue: the table below says
 * which function each sample reaches, and that the ones that must not (an OK alarm, a DELETE, a push to another
 * namespace, an IN_PROGRESS or foreign-cluster ECS event, shiplane's internal announcements) reach none; lifecycle
 * announcements reach the notify function and only it. A sample without a row fails the test: add the row with the
 * route you intend.
 */
class SampleEventRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NONE = Set.of();

    /** Samples that are not EventBridge events, and why. */
    private static final Map<String, String> NOT_ROUTED_BY_PATTERN = Map.of(
            "aws/scheduled-rotation.json", "fired by the rotation rule's schedule expression, not a pattern",
            "aws/secretsmanager-rotation-create-secret.json", "Secrets Manager invokes the rotation alias directly",
            "aws/secretsmanager-rotation-set-secret.json", "Secrets Manager invokes the rotation alias directly",
            "aws/secretsmanager-rotation-test-secret.json", "Secrets Manager invokes the rotation alias directly",
            "aws/secretsmanager-rotation-finish-secret.json", "Secrets Manager invokes the rotation alias directly",
            "aws/ecs-lifecycle-hook-pre-scale-up.json", "ECS invokes the hooks function's alias directly",
            "aws/ecs-lifecycle-hook-post-test-traffic-shift.json", "ECS invokes the hooks function's alias directly",
            "aws/ecs-lifecycle-hook-production-traffic-shift.json", "ECS invokes the hooks function's alias directly",
            "aws/ecs-lifecycle-hook-post-production-traffic-shift.json",
            "ECS invokes the hooks function's alias directly");

    private static final Map<String, Set<String>> ROUTES = new LinkedHashMap<>();

    static {
        route("aws/ecr-image-push.json", "deploy");
        route("aws/ecr-image-push-extra-fields.json", "deploy");
        route("aws/ecr-image-push-latest.json", "deploy");           // the deploy function refuses it (policy)
        route("aws/ecr-image-push-prerelease.json", "deploy");
        route("aws/ecr-image-push-untagged.json", "deploy");
        route("aws/ecr-image-push-multiarch-child.json", "deploy");   // the deploy function skips it (no-tag)
        route("aws/ecr-image-push-unknown-repository.json", "deploy"); // monynha/legacy: in the namespace
        route("aws/ecr-image-push-api-2.0.0.json", "deploy");
        route("aws/ecr-image-push-docs-1.4.0.json", "deploy");
        route("aws/ecr-image-push-web-1.5.0.json", "deploy");
        route("aws/ecr-image-push-other-namespace.json");              // payments/ledger-api: not shiplane's
        route("aws/ecr-image-push-failed.json");
        route("aws/ecr-image-delete.json");
        route("aws/ecs-deployment-completed.json", "deploy");
        route("aws/ecs-deployment-failed.json", "rollback");
        route("aws/ecs-deployment-in-progress.json");
        route("aws/ecs-deployment-completed-other-cluster.json");
        route("aws/cloudwatch-alarm-staging-api-5xx-alarm.json", "rollback");
        route("aws/cloudwatch-alarm-staging-api-5xx-alarm-again.json", "rollback");
        route("aws/cloudwatch-alarm-staging-api-5xx-ok.json");
        route("aws/cloudwatch-composite-alarm-prod-web-health.json", "rollback");
        route("aws/cloudwatch-alarm-unmanaged.json");
        route("shiplane/image-pushed.json", "deploy");
        route("shiplane/promotion-due.json", "deploy");
        route("shiplane/verification-due.json", "deploy");
        route("shiplane/redeploy-requested.json", "deploy");
        route("shiplane/deploy-requested.json", "deploy");
        route("shiplane/scan-timeout-due.json", "deploy");
        route("aws/ecr-image-scan-clean.json", "deploy");
        route("aws/ecr-image-scan-tolerated.json", "deploy");
        route("aws/ecr-image-scan-critical.json", "deploy");
        route("aws/ecr-image-scan-failed.json", "deploy");
        route("aws/inspector2-scan-critical.json", "deploy");
        route("shiplane/canary-step-due.json", "canary");
        route("shiplane/promote-requested.json", "canary");
        route("shiplane/abort-requested.json", "canary");
        route("shiplane/pause-requested.json", "canary");
        route("shiplane/resume-requested.json", "canary");
        route("shiplane/rollback-requested.json", "rollback");
        route("shiplane/rollback-requested-emergency.json", "rollback");
        route("shiplane/rotation-requested.json", "rotate");
        route("shiplane/health-check-due.json", "checks"); // staging's checks function only, by detail.env
        // a check's result moves its rollout, and people are told
        route("shiplane/gate-passed-pre-traffic.json", "canary", "notify");
        route("shiplane/gate-failed-post-promotion.json", "canary", "notify");
        // Lifecycle announcements: the notify function tells people; no delivery function hears them.
        for (var announcement : List.of("deployment-started", "deployment-succeeded", "deployment-failed",
                "deployment-skipped", "deployment-aborted", "deployment-rolled-back", "rollback-failed",
                "rollout-paused", "traffic-shifted", "secret-rotated", "rotation-failed", "gate-passed", "gate-failed",
                "deployment-blocked", "freeze-started", "freeze-lifted", "approval-requested")) {
            route("shiplane/" + announcement + ".json", "notify");
        }
        route("shiplane/deployment-verified.json");
        // ECS's engine: a pause awaiting approval, and a ServiceInfra stack that settled (settings, colour sizes)
        route("aws/ecs-hook-state-change-awaiting-action.json", "deploy");
        route("aws/cloudformation-stack-update-complete.json", "deploy");                 // internal: a rollback target, nothing to tell
    }

    private static void route(String sample, String... functions) {
        ROUTES.put(sample, Set.of(functions));
    }

    private static TestAws aws;
    /** Function family (from its handler's package) → the queue standing in for it. */
    private static final Map<String, String> queues = new TreeMap<>();
    private static String shiplaneBus;

    @BeforeAll
    static void recreateTheTemplatesRulesOnMoto() throws IOException {
        aws = new TestAws(Emulators.shared());
        aws.emulator().reset();
        var template = JSON.readTree(SynthesizedApp.get().templateFile(ShiplaneDeliveryStack.STACK_NAME).toFile());
        var resources = template.get("Resources");
        shiplaneBus = single(resources, "AWS::Events::EventBus").path("Properties").path("Name").asText();
        aws.createBus(shiplaneBus);
        int n = 0;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) resources.properties()::iterator) {
            var props = entry.getValue().path("Properties");
            if (!"AWS::Events::Rule".equals(entry.getValue().path("Type").asText()) || !props.has("EventPattern")) {
                continue; // schedule rules have no pattern to route by
            }
            var bus = props.has("EventBusName") ? shiplaneBus : "default";
            for (var target : props.path("Targets")) {
                var family = familyOf(resources, target.path("Arn"));
                var queueArn = queueFor(family);
                var name = "rule-" + (n++);
                aws.events().putRule(r -> r.name(name).eventBusName(bus).eventPattern(props.get("EventPattern")
                        .toString()));
                aws.events().putTargets(r -> r.rule(name).eventBusName(bus).targets(t -> t.id(family).arn(queueArn)));
            }
        }
        assertThat(queues).containsOnlyKeys("deploy", "canary", "rollback", "rotate", "checks", "notify");
    }

    static Stream<Arguments> samples() throws IOException {
        try (var aws = Files.list(RepoFiles.path("events/aws")); var shiplane = Files.list(RepoFiles.path("events/shiplane"))) {
            return Stream.concat(aws, shiplane)
                    .filter(f -> f.toString().endsWith(".json"))
                    .map(f -> RepoFiles.root().resolve("events").relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .map(Arguments::of)
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_reachesExactlyTheFunctionsItsRowNames(String sample) throws IOException {
        if (NOT_ROUTED_BY_PATTERN.containsKey(sample)) {
            assertThat(JSON.readTree(RepoFiles.path("events/" + sample).toFile()).has("detail-type"))
                    .as("%s: %s", sample, NOT_ROUTED_BY_PATTERN.get(sample))
                    .isEqualTo(sample.equals("aws/scheduled-rotation.json"));
            return;
        }
        assertThat(ROUTES).as("%s has no row in %s: add one with the function(s) it must reach, or none",
                sample, SampleEventRoutingTest.class.getSimpleName()).containsKey(sample);

        put(sample);

        assertThat(receivers()).as("functions that %s reached", sample).isEqualTo(ROUTES.get(sample));
    }

    /** Puts the sample as its source would: AWS services on the default bus, shiplane on its own. */
    private static void put(String sample) throws IOException {
        var event = JSON.readTree(RepoFiles.path("events/" + sample).toFile());
        var resources = new java.util.ArrayList<String>();
        event.path("resources").forEach(r -> resources.add(r.asText()));
        var entry = PutEventsRequestEntry.builder()
                .eventBusName(sample.startsWith("shiplane/") ? shiplaneBus : "default")
                .source(event.path("source").asText())
                .detailType(event.path("detail-type").asText())
                .detail(event.path("detail").toString())
                .resources(resources)
                .time(Instant.parse(event.path("time").asText()))
                .build();
        var result = aws.events().putEvents(r -> r.entries(entry));
        assertThat(result.failedEntryCount()).as("moto accepted %s", sample).isZero();
    }

    /** The families whose queue received something since the last call (each queue is emptied). */
    private static Set<String> receivers() {
        var reached = new TreeSet<String>();
        queues.forEach((family, url) -> {
            if (!aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages().isEmpty()) {
                reached.add(family);
                aws.sqs().purgeQueue(r -> r.queueUrl(url));
            }
        });
        return reached;
    }

    private static String queueFor(String family) {
        var url = queues.computeIfAbsent(family, f -> aws.sqs().createQueue(r -> r.queueName("function-" + f))
                .queueUrl());
        return aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
    }

    /** A target's Arn is a Ref to the live alias; its function's handler package names the family. */
    private static String familyOf(JsonNode resources, JsonNode arn) {
        var alias = resources.get(arn.path("Ref").asText());
        assertThat(alias.path("Type").asText()).as("rule target %s", arn).isEqualTo("AWS::Lambda::Alias");
        var function = resources.get(alias.path("Properties").path("FunctionName").path("Ref").asText());
        var handler = function.path("Properties").path("Handler").asText();
        return handler.split("\\.")[2];
    }

    private static JsonNode single(JsonNode resources, String type) {
        var found = new java.util.ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (type.equals(r.path("Type").asText())) found.add(r);
        });
        assertThat(found).as(type).hasSize(1);
        return found.getFirst();
    }
}
