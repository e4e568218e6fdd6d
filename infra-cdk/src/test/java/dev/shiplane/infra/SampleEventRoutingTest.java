package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.infra.PatternRules.PatternRule;
import dev.shiplane.testkit.Emulators;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Routing proven twice: every pattern rule of the synthesized templates ({@link PatternRules}) is loaded into moto's
 * EventBridge (each function replaced by an SQS queue) and into Event Ruler, EventBridge's own matcher
 * ({@link EventRulerRoutes}); every sample of {@code events/aws}, {@code events/shiplane} and {@code events/github}
 * that is an EventBridge event is put on its bus of both. The table below says which functions each sample reaches,
 * and that the ones that must not (an OK alarm, a DELETE, a push to another namespace, an IN_PROGRESS or
 * foreign-cluster ECS event, shiplane's internal announcements) reach none; lifecycle announcements reach the notify
 * function and only it. Both engines must give the row's answer; where they disagree the test names the sample, the
 * rules involved and both answers, and Event Ruler is the one to believe (it is the code EventBridge runs; moto's
 * matcher is a reimplementation). A sample without a row fails the test: add the row with the route you intend.
 *
 * <p>It cannot pass on nothing: every pattern rule of the templates must be loaded into both engines, and every rule
 * must be matched by at least one sample (a rule no sample reaches is a hole in the catalogue of events/).
 *
 * <p>The stories' EventBridge events ({@code events/story}, {@code events/story-approval}) have no rows: what they
 * cause is asserted by SandboxIT through the functions' outcomes, on moto's routing. Here each must reach exactly the
 * functions on Event Ruler that it reaches on moto, which makes the sandbox's routing EventBridge's. The approval
 * story runs in the sandbox under its own shiplane.yml; here every story meets the repository's rules, so for that
 * story this proves the engines agree, not the rules its configuration would synthesize. Sandbox directives, Function
 * URL requests and the Scheduled Event (delivered by its rule's schedule, not by a pattern) are not bus events.
 */
class SampleEventRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NONE = Set.of();

    /** Samples that are not EventBridge events, and why. */
    private static final String ALIAS_INVOKED_BY_SECRETS_MANAGER = "Secrets Manager invokes the rotation alias directly";
    private static final String ALIAS_INVOKED_BY_ECS = "ECS invokes the hooks function's alias directly";
    private static final Map<String, String> NOT_ROUTED_BY_PATTERN = Map.ofEntries(
            Map.entry("aws/scheduled-rotation.json", "fired by the rotation rule's schedule expression, not a pattern"),
            Map.entry("aws/secretsmanager-rotation-create-secret.json", ALIAS_INVOKED_BY_SECRETS_MANAGER),
            Map.entry("aws/secretsmanager-rotation-set-secret.json", ALIAS_INVOKED_BY_SECRETS_MANAGER),
            Map.entry("aws/secretsmanager-rotation-test-secret.json", ALIAS_INVOKED_BY_SECRETS_MANAGER),
            Map.entry("aws/secretsmanager-rotation-finish-secret.json", ALIAS_INVOKED_BY_SECRETS_MANAGER),
            Map.entry("aws/ecs-lifecycle-hook-pre-scale-up.json", ALIAS_INVOKED_BY_ECS),
            Map.entry("aws/ecs-lifecycle-hook-post-test-traffic-shift.json", ALIAS_INVOKED_BY_ECS),
            Map.entry("aws/ecs-lifecycle-hook-production-traffic-shift.json", ALIAS_INVOKED_BY_ECS),
            Map.entry("aws/ecs-lifecycle-hook-post-production-traffic-shift.json", ALIAS_INVOKED_BY_ECS),
            Map.entry("github/function-url-request.json",
                    "GitHub calls the webhook function's URL; the function puts Image Pushed on the bus"),
            Map.entry("github/registry-package-published.json", "the body of that request"),
            Map.entry("github/registry-package-published-latest.json", "the body of a webhook request"),
            Map.entry("github/registry-package-published-platform-manifest.json", "the body of a webhook request"),
            Map.entry("github/registry-package-published-uppercase-owner.json", "the body of a webhook request"),
            Map.entry("github/package-published.json", "the body of a webhook request (GitHub's legacy event)"),
            Map.entry("github/packages-api-version-docs-latest.json",
                    "GitHub's Packages API answering the webhook function, not an event"));

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
        route("shiplane/health-check-due.json", "checks-staging"); // each environment's own, by detail.env
        route("shiplane/health-check-due-prod.json", "checks-prod");
        // a check's result moves its rollout, and people are told
        route("shiplane/gate-passed-pre-traffic.json", "canary", "notify");
        route("shiplane/gate-failed-post-promotion.json", "canary", "notify");
        // A success is announced, and cleans the service's old task-definition revisions (the deploy function).
        route("shiplane/deployment-succeeded.json", "deploy", "notify");
        // Lifecycle announcements: the notify function tells people; no delivery function hears them.
        for (var announcement : List.of("deployment-started", "deployment-failed",
                "deployment-skipped", "deployment-aborted", "deployment-rolled-back", "rollback-failed",
                "rollout-paused", "traffic-shifted", "secret-rotated", "rotation-failed", "gate-passed", "gate-failed",
                "deployment-blocked", "freeze-started", "freeze-lifted", "approval-requested",
                "request-refused")) {
            route("shiplane/" + announcement + ".json", "notify");
        }
        route("shiplane/deployment-verified.json");
        route("shiplane/rollout-resumed.json", "notify");                                 // announced like its pause
        // ECS's engine: a pause awaiting approval, and a ServiceInfra stack that settled (settings, colour sizes)
        route("aws/ecs-hook-state-change-awaiting-action.json", "deploy");
        route("aws/cloudformation-stack-update-complete.json", "deploy");                 // internal: a rollback target, nothing to tell
    }

    private static void route(String sample, String... functions) {
        ROUTES.put(sample, Set.of(functions));
    }

    private static TestAws aws;
    private static List<PatternRule> rules;
    private static EventRulerRoutes eventRuler;
    /** Function (by family, see {@link PatternRules}) → the queue standing in for it on moto. */
    private static final Map<String, String> queues = new TreeMap<>();
    private static String shiplaneBus;

    @BeforeAll
    static void loadTheTemplatesRulesIntoBothEngines() throws IOException {
        var app = SynthesizedApp.get();
        rules = PatternRules.of(app);
        eventRuler = EventRulerRoutes.of(rules);
        var delivery = JSON.readTree(app.templateFile(ShiplaneDeliveryStack.STACK_NAME).toFile());
        shiplaneBus = single(delivery.get("Resources"), "AWS::Events::EventBus").path("Properties").path("Name")
                .asText();

        aws = new TestAws(Emulators.shared());
        aws.emulator().reset();
        rules.stream().map(PatternRule::bus).filter(bus -> !bus.equals("default")).distinct().forEach(aws::createBus);
        int n = 0;
        for (var rule : rules) {
            var name = "rule-" + (n++);
            aws.events().putRule(r -> r.name(name).eventBusName(rule.bus()).eventPattern(rule.pattern().toString()));
            var targets = rule.functions().stream()
                    .map(family -> Target.builder().id(family).arn(queueFor(family)).build()).toList();
            aws.events().putTargets(r -> r.rule(name).eventBusName(rule.bus()).targets(targets));
        }
        assertThat(queues).containsOnlyKeys("deploy", "canary", "rollback", "rotate", "checks-staging", "checks-prod", "notify");
    }

    @Test
    void everyPatternRuleOfTheTemplates_isLoadedIntoBothEngines() {
        var app = SynthesizedApp.get();
        int inTemplates = app.stacks().stream()
                .mapToInt(stack -> app.template(stack.getArtifactId()).findResources("AWS::Events::Rule",
                        Match.objectLike(Map.of("Properties", Map.of("EventPattern", Match.anyValue())))).size())
                .sum();
        int onMoto = rules.stream().map(PatternRule::bus).distinct()
                .mapToInt(bus -> aws.events().listRules(r -> r.eventBusName(bus)).rules().size()).sum();

        assertThat(inTemplates).as("pattern rules in the synthesized templates").isPositive();
        assertThat(eventRuler.ruleCount()).as("rules loaded into Event Ruler").isEqualTo(inTemplates);
        assertThat(onMoto).as("rules put on moto's EventBridge").isEqualTo(inTemplates);
    }

    @Test
    void everyPatternRule_isMatchedBySomeSample() throws IOException {
        var unmatched = new LinkedHashMap<String, JsonNode>();
        rules.forEach(rule -> unmatched.put(rule.name(), rule.pattern()));
        for (var sample : samples().map(arguments -> (String) arguments.get()[0]).toList()) {
            if (NOT_ROUTED_BY_PATTERN.containsKey(sample)) continue;
            var event = read("events/" + sample);
            eventRuler.rulesMatching(busOf(event), event).forEach(rule -> unmatched.remove(rule.name()));
        }
        assertThat(unmatched).as("rules no sample in events/ reaches (a hole in the catalogue: add the sample the"
                + " rule is for)").isEmpty();
    }

    static Stream<Arguments> samples() throws IOException {
        return filesIn("aws", "shiplane", "github").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_reachesExactlyTheFunctionsItsRowNames_onMotoAndOnEventRuler(String sample) throws IOException {
        var event = read("events/" + sample);
        if (NOT_ROUTED_BY_PATTERN.containsKey(sample)) {
            assertThat(event.has("detail-type")).as("%s: %s", sample, NOT_ROUTED_BY_PATTERN.get(sample))
                    .isEqualTo(sample.equals("aws/scheduled-rotation.json"));
            return;
        }
        assertThat(ROUTES).as("%s has no row in %s: add one with the function(s) it must reach, or none",
                sample, SampleEventRoutingTest.class.getSimpleName()).containsKey(sample);

        var reached = reachedOnBothEngines(sample, event);

        assertThat(reached).as("functions that %s reached", sample).isEqualTo(ROUTES.get(sample));
    }

    static Stream<Arguments> storyEvents() throws IOException {
        return filesIn("story", "story-approval").filter(file -> {
            var event = read("events/" + file);
            return event.has("detail-type") && !isScheduledEvent(event);
        }).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storyEvents")
    void storyEvent_reachesTheSameFunctionsOnMotoAndOnEventRuler(String file) {
        reachedOnBothEngines(file, read("events/" + file));
    }

    /** Puts the event on moto and matches it on Event Ruler; fails unless both reach the same functions. */
    private static Set<String> reachedOnBothEngines(String file, JsonNode event) {
        var bus = busOf(event);
        put(file, bus, event);
        var onMoto = receivers();
        var onEventRuler = eventRuler.functionsReached(bus, event);
        assertThat(onEventRuler).withFailMessage(() -> disagreement(file, bus, event, onMoto, onEventRuler))
                .isEqualTo(onMoto);
        return onEventRuler;
    }

    private static String disagreement(String file, String bus, JsonNode event, Set<String> onMoto,
                                       Set<String> onEventRuler) {
        var disputed = new TreeSet<>(onMoto);
        disputed.addAll(onEventRuler);
        disputed.removeIf(family -> onMoto.contains(family) == onEventRuler.contains(family));
        var message = new StringBuilder(("%s on bus %s: moto's EventBridge reached %s, Event Ruler (EventBridge's own"
                + " matcher) reached %s.%nEvent Ruler matched:").formatted(file, bus, onMoto, onEventRuler));
        var matched = eventRuler.rulesMatching(bus, event);
        if (matched.isEmpty()) message.append(" none");
        matched.forEach(rule -> message.append("%n  %s %s".formatted(rule.name(), rule.pattern())));
        message.append("%nRules of bus %s that reach the functions they disagree on (%s):".formatted(bus, disputed));
        eventRuler.rulesReaching(disputed).stream().filter(rule -> rule.bus().equals(bus))
                .forEach(rule -> message.append("%n  %s %s".formatted(rule.name(), rule.pattern())));
        return message.append("%nThe event: %s".formatted(event)).toString();
    }

    /**
     * AWS services put their events on the default bus, shiplane puts its own on the shiplane bus (as the sandbox's
     * Dispatcher does); a rule only sees the events of its bus.
     */
    private static String busOf(JsonNode event) {
        return event.path("source").asText().startsWith("aws.") ? "default" : shiplaneBus;
    }

    private static boolean isScheduledEvent(JsonNode event) {
        return "aws.events".equals(event.path("source").asText())
                && "Scheduled Event".equals(event.path("detail-type").asText());
    }

    private static void put(String file, String bus, JsonNode event) {
        var resources = new ArrayList<String>();
        event.path("resources").forEach(r -> resources.add(r.asText()));
        var entry = PutEventsRequestEntry.builder()
                .eventBusName(bus)
                .source(event.path("source").asText())
                .detailType(event.path("detail-type").asText())
                .detail(event.path("detail").toString())
                .resources(resources)
                .time(Instant.parse(event.path("time").asText()))
                .build();
        var result = aws.events().putEvents(r -> r.entries(entry));
        assertThat(result.failedEntryCount()).as("moto accepted %s", file).isZero();
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

    /** The JSON files of events/'s subdirectories, as {@code <subdirectory>/<file>}, sorted. */
    private static Stream<String> filesIn(String... subdirectories) throws IOException {
        var files = new ArrayList<String>();
        for (var subdirectory : subdirectories) {
            try (var listing = Files.list(RepoFiles.path("events/" + subdirectory))) {
                listing.filter(f -> f.toString().endsWith(".json"))
                        .forEach(f -> files.add(subdirectory + "/" + f.getFileName()));
            }
        }
        return files.stream().sorted();
    }

    private static JsonNode read(String relative) {
        try {
            return JSON.readTree(RepoFiles.path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode single(JsonNode resources, String type) {
        var found = new ArrayList<JsonNode>();
        resources.forEach(r -> {
            if (type.equals(r.path("Type").asText())) found.add(r);
        });
        assertThat(found).as(type).hasSize(1);
        return found.getFirst();
    }
}
