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
 * <p>shiplane.yml runs staging and prod in two accounts, so each account's rules are loaded as its own buses (on moto,
 * in that account, which moto keeps apart by access key) and each sample is published in each account; a rule
 * forwarding to another account's bus reaches {@code forward-to-<account>}, and the test plays AWS's part of putting
 * the event there, keeping the sender's account (Event Ruler only: moto would re-mint it). Functions of prod's stack
 * are named {@code <prod's account>:<family>}. A row says, for each account the sample is published in, what it
 * reaches from there: a rule that took an event from the wrong account (a {@code Promotion Cleared} published in
 * prod's own account, a push heard by prod) fails its row.
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

    /** Sample → the account it is published in → the functions it reaches from there (forwarded legs included). */
    private static final Map<String, Map<String, Set<String>>> ROUTES = new LinkedHashMap<>();

    private static final String STAGING_ACCOUNT = SynthesizedApp.STAGING_ACCOUNT;
    private static final String PROD_ACCOUNT = SynthesizedApp.PROD_ACCOUNT;
    /** Prod's account: its delivery stack's functions are named {@code 210987654321:<family>}. */
    private static final String PROD = PatternRules.qualifier(PROD_ACCOUNT, STAGING_ACCOUNT);
    /** A forwarding rule of staging's stack, putting the event on prod's shiplane bus. */
    private static final String TO_PROD = PatternRules.forwardTo(PROD_ACCOUNT);

    static {
        // The images are in staging's account, whose deploy function alone hears their pushes: prod takes every
        // service by promotion, so no push is forwarded there (docs/ACCOUNTS.md), and prod's account has no rule for
        // ECR's events.
        inStaging("aws/ecr-image-push.json", "deploy");
        inStaging("aws/ecr-image-push-extra-fields.json", "deploy");
        inStaging("aws/ecr-image-push-latest.json", "deploy");           // the deploy function refuses it (policy)
        inStaging("aws/ecr-image-push-prerelease.json", "deploy");
        inStaging("aws/ecr-image-push-untagged.json", "deploy");
        inStaging("aws/ecr-image-push-multiarch-child.json", "deploy");   // the deploy function skips it (no-tag)
        inStaging("aws/ecr-image-push-unknown-repository.json", "deploy"); // monynha/legacy: in the namespace
        inStaging("aws/ecr-image-push-api-2.0.0.json", "deploy");
        inStaging("aws/ecr-image-push-docs-1.4.0.json", "deploy");
        inStaging("aws/ecr-image-push-web-1.5.0.json", "deploy");
        nowhere("aws/ecr-image-push-other-namespace.json");              // payments/ledger-api: not shiplane's
        nowhere("aws/ecr-image-push-failed.json");
        nowhere("aws/ecr-image-delete.json");
        inProd("aws/ecs-deployment-completed.json", PROD + "deploy");    // monynha-prod: prod's account's ECS
        inProd("aws/ecs-deployment-failed.json", PROD + "rollback");
        inStaging("aws/ecs-deployment-completed-staging.json", "deploy");     // monynha-staging: staging's account's
        inStaging("aws/ecs-deployment-failed-staging.json", "rollback");
        nowhere("aws/ecs-deployment-in-progress.json");
        nowhere("aws/ecs-deployment-completed-other-cluster.json");
        inStaging("aws/cloudwatch-alarm-staging-api-5xx-alarm.json", "rollback");
        inStaging("aws/cloudwatch-alarm-staging-api-5xx-alarm-again.json", "rollback");
        nowhere("aws/cloudwatch-alarm-staging-api-5xx-ok.json");
        inProd("aws/cloudwatch-composite-alarm-prod-web-health.json", PROD + "rollback");
        nowhere("aws/cloudwatch-alarm-unmanaged.json");
        // shiplane's events are published on the bus of the account where they happen: each account's functions
        // hear their own (and act only for the environments they serve)
        inBoth("shiplane/image-pushed.json", "deploy");
        inBoth("shiplane/promotion-due.json", "deploy");
        inBoth("shiplane/verification-due.json", "deploy");
        inBoth("shiplane/redeploy-requested.json", "deploy");
        inBoth("shiplane/deploy-requested.json", "deploy");
        inBoth("shiplane/scan-timeout-due.json", "deploy");
        // A scan result is heard where the images are (staging announces it, scanGate mode report) and forwarded to
        // prod, whose scan gate waits for it.
        inStaging("aws/ecr-image-scan-clean.json", "deploy", TO_PROD, PROD + "deploy");
        inStaging("aws/ecr-image-scan-tolerated.json", "deploy", TO_PROD, PROD + "deploy");
        inStaging("aws/ecr-image-scan-critical.json", "deploy", TO_PROD, PROD + "deploy");
        inStaging("aws/ecr-image-scan-failed.json", "deploy", TO_PROD, PROD + "deploy");
        inStaging("aws/inspector2-scan-critical.json", "deploy", TO_PROD, PROD + "deploy");
        inBoth("shiplane/canary-step-due.json", "canary");
        inBoth("shiplane/promote-requested.json", "canary");
        inBoth("shiplane/abort-requested.json", "canary");
        inBoth("shiplane/pause-requested.json", "canary");
        inBoth("shiplane/resume-requested.json", "canary");
        inBoth("shiplane/rollback-requested.json", "rollback");
        inBoth("shiplane/rollback-requested-emergency.json", "rollback");
        inBoth("shiplane/rotation-requested.json", "rotate");  // each account rotates the secrets its consumers use
        inStaging("shiplane/health-check-due.json", "checks");  // each environment's own, in its account, by detail.env
        inProd("shiplane/health-check-due-prod.json", PROD + "checks");
        // a check's result moves its rollout, and people are told
        inBoth("shiplane/gate-passed-pre-traffic.json", "canary", "notify");
        inBoth("shiplane/gate-failed-post-promotion.json", "canary", "notify");
        // A success is announced, and cleans the service's old task-definition revisions (the deploy function).
        inBoth("shiplane/deployment-succeeded.json", "deploy", "notify");
        // Lifecycle announcements: the notify function tells people; no delivery function hears them.
        for (var announcement : List.of("deployment-started", "deployment-failed",
                "deployment-skipped", "deployment-aborted", "deployment-rolled-back", "rollback-failed",
                "rollout-paused", "traffic-shifted", "secret-rotated", "rotation-failed", "gate-passed", "gate-failed",
                "deployment-blocked", "freeze-started", "freeze-lifted", "approval-requested",
                "request-refused")) {
            inBoth("shiplane/" + announcement + ".json", "notify");
        }
        nowhere("shiplane/deployment-verified.json");
        // Staging clears a promotion into prod: its forwarding rule carries it to prod's bus, where prod's deploy
        // function takes it from staging's account only: published in prod's own account, it reaches nothing.
        inStaging("shiplane/promotion-cleared.json", TO_PROD, PROD + "deploy");
        inBoth("shiplane/rollout-resumed.json", "notify");                                 // announced like its pause
        // ECS's engine: a pause awaiting approval, and a ServiceInfra stack that settled (settings, colour sizes)
        inBoth("aws/ecs-hook-state-change-awaiting-action.json", "deploy");
        inProd("aws/cloudformation-stack-update-complete.json", PROD + "deploy");          // prod's platform stack
        inStaging("aws/cloudformation-stack-update-complete-staging.json", "deploy");    // staging's platform stack
    }

    /** A row whose functions are reached in staging's account and prod's alike, each account's own. */
    private static void inBoth(String sample, String... functions) {
        var inProd = java.util.Arrays.stream(functions).map(function -> PROD + function).toArray(String[]::new);
        route(sample, Set.of(functions), Set.of(inProd));
    }

    /** Published in staging's account it reaches {@code functions}; published in prod's, nothing. */
    private static void inStaging(String sample, String... functions) {
        route(sample, Set.of(functions), Set.of());
    }

    /** Published in prod's account it reaches {@code functions}; published in staging's, nothing. */
    private static void inProd(String sample, String... functions) {
        route(sample, Set.of(), Set.of(functions));
    }

    /** Published in either account, it reaches nothing. */
    private static void nowhere(String sample) {
        route(sample, Set.of(), Set.of());
    }

    private static void route(String sample, Set<String> publishedInStaging, Set<String> publishedInProd) {
        ROUTES.put(sample, Map.of(STAGING_ACCOUNT, publishedInStaging, PROD_ACCOUNT, publishedInProd));
    }

    private static List<PatternRule> rules;
    private static EventRulerRoutes eventRuler;
    /** Each account of the stacks, staging's (the primary) first, as moto keeps it apart by its access key. */
    private static final Map<String, TestAws> awsIn = new LinkedHashMap<>();
    /** Account → what its rules reach (see {@link PatternRules}) → the queue standing in for it on moto. */
    private static final Map<String, Map<String, String>> queues = new TreeMap<>();
    private static String shiplaneBus;

    @BeforeAll
    static void loadTheTemplatesRulesIntoBothEngines() throws IOException {
        var app = SynthesizedApp.get();
        rules = PatternRules.of(app, SynthesizedApp.STAGING_ACCOUNT);
        eventRuler = EventRulerRoutes.of(rules);
        var delivery = JSON.readTree(app.templateFile(ShiplaneDeliveryStack.STACK_NAME).toFile());
        shiplaneBus = single(delivery.get("Resources"), "AWS::Events::EventBus").path("Properties").path("Name")
                .asText();

        var primary = new TestAws(Emulators.shared());
        primary.emulator().reset();
        awsIn.put(SynthesizedApp.STAGING_ACCOUNT, primary);
        rules.stream().map(PatternRule::account).distinct().sorted()
                .forEach(account -> awsIn.computeIfAbsent(account, primary::inAccount));
        rules.stream().filter(rule -> !rule.busName().equals("default"))
                .map(rule -> List.of(rule.account(), rule.busName())).distinct()
                .forEach(bus -> awsIn.get(bus.get(0)).createBus(bus.get(1)));
        int n = 0;
        for (var rule : rules) {
            var name = "rule-" + (n++);
            var aws = awsIn.get(rule.account());
            aws.events().putRule(r -> r.name(name).eventBusName(rule.busName())
                    .eventPattern(rule.pattern().toString()));
            var targets = rule.functions().stream().map(reached -> Target.builder().id(reached.replace(':', '-'))
                    .arn(queueFor(rule.account(), reached)).build()).toList();
            aws.events().putTargets(r -> r.rule(name).eventBusName(rule.busName()).targets(targets));
        }
        assertThat(awsIn).containsOnlyKeys(SynthesizedApp.STAGING_ACCOUNT, SynthesizedApp.PROD_ACCOUNT);
        assertThat(queues.get(SynthesizedApp.STAGING_ACCOUNT)).containsOnlyKeys("deploy", "canary", "rollback",
                "rotate", "checks", "notify", TO_PROD);
        assertThat(queues.get(SynthesizedApp.PROD_ACCOUNT)).containsOnlyKeys(PROD + "deploy", PROD + "canary",
                PROD + "rollback", PROD + "rotate", PROD + "checks", PROD + "notify");
    }

    @Test
    void everyPatternRuleOfTheTemplates_isLoadedIntoBothEngines() {
        var app = SynthesizedApp.get();
        int inTemplates = app.stacks().stream()
                .mapToInt(stack -> app.template(stack.getArtifactId()).findResources("AWS::Events::Rule",
                        Match.objectLike(Map.of("Properties", Map.of("EventPattern", Match.anyValue())))).size())
                .sum();
        int onMoto = rules.stream().map(rule -> List.of(rule.account(), rule.busName())).distinct()
                .mapToInt(bus -> awsIn.get(bus.get(0)).events().listRules(r -> r.eventBusName(bus.get(1))).rules()
                        .size()).sum();

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
            rulesMatchedOnEventRuler(read("events/" + sample)).forEach(rule -> unmatched.remove(rule.name()));
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

        assertThat(reached).as("functions that %s reached, by the account it was published in", sample)
                .isEqualTo(ROUTES.get(sample));
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

    /**
     * Publishes the event in each account, on moto and on Event Ruler, and fails unless both reach the same functions
     * there; then plays AWS's part for what a rule forwarded to another account's shiplane bus (EventBridge puts it
     * there keeping the sender's account). moto re-mints a forwarded event as the receiving account's, so that leg is
     * matched on Event Ruler alone, EventBridge's own matcher. By the account it was published in: what both legs
     * reached from there.
     */
    private static Map<String, Set<String>> reachedOnBothEngines(String file, JsonNode event) {
        var reachedFrom = new java.util.TreeMap<String, Set<String>>();
        var bus = busOf(event);
        for (var account : awsIn.keySet()) {
            var reached = new TreeSet<String>();
            reachedFrom.put(account, reached);
            var published = inAccount(event, account);
            put(file, account, bus, published);
            var onMoto = receivers(account);
            var onEventRuler = eventRuler.functionsReached(PatternRules.busKey(account, bus), published);
            assertThat(onEventRuler).withFailMessage(() -> disagreement(file, PatternRules.busKey(account, bus),
                            published, onMoto, onEventRuler)).isEqualTo(onMoto);
            reached.addAll(onEventRuler);
            for (var target : awsIn.keySet()) {
                if (onEventRuler.contains(PatternRules.forwardTo(target))) {
                    reached.addAll(eventRuler.functionsReached(PatternRules.busKey(target, shiplaneBus), published));
                }
            }
        }
        return reachedFrom;
    }

    /** The rules an event matches on Event Ruler, published in each account and forwarded as its rules forward it. */
    private static List<PatternRule> rulesMatchedOnEventRuler(JsonNode event) {
        var matched = new ArrayList<PatternRule>();
        for (var account : awsIn.keySet()) {
            var published = inAccount(event, account);
            var direct = eventRuler.rulesMatching(PatternRules.busKey(account, busOf(event)), published);
            matched.addAll(direct);
            for (var target : awsIn.keySet()) {
                if (direct.stream().anyMatch(rule -> rule.functions().contains(PatternRules.forwardTo(target)))) {
                    matched.addAll(eventRuler.rulesMatching(PatternRules.busKey(target, shiplaneBus), published));
                }
            }
        }
        return matched;
    }

    /** The event as published in {@code account}: EventBridge sets its {@code account}, as moto does on a put. */
    private static JsonNode inAccount(JsonNode event, String account) {
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) event.deepCopy();
        copy.put("account", account);
        return copy;
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

    private static void put(String file, String account, String bus, JsonNode event) {
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
        var result = awsIn.get(account).events().putEvents(r -> r.entries(entry));
        assertThat(result.failedEntryCount()).as("moto accepted %s", file).isZero();
    }

    /** What the rules of {@code account} reached since the last call (each of its queues is emptied). */
    private static Set<String> receivers(String account) {
        var reached = new TreeSet<String>();
        var sqs = awsIn.get(account).sqs();
        queues.getOrDefault(account, Map.of()).forEach((family, url) -> {
            if (!sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages().isEmpty()) {
                reached.add(family);
                sqs.purgeQueue(r -> r.queueUrl(url));
            }
        });
        return reached;
    }

    private static String queueFor(String account, String reached) {
        var sqs = awsIn.get(account).sqs();
        var url = queues.computeIfAbsent(account, a -> new TreeMap<>()).computeIfAbsent(reached, f -> sqs
                .createQueue(r -> r.queueName("reached-" + f.replace(':', '-'))).queueUrl());
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
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
