package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.eventbridge.model.Rule;

/**
 * AWS's part across accounts: a rule of the template whose target is another account's event bus. EventBridge
 * delivers a matching event to that bus as it is (same id, {@code account} = the sender's); moto would re-mint it
 * (a new id, the caller's account), so the sandbox plays the delivery. On the sender's side the rule is real, with its
 * target replaced by an SQS queue in the sender's account (moto's own matching decides what is forwarded); on the
 * receiving side the rules of the target bus that match it (moto's matching again, see {@link #matchingRules}) get
 * the event, envelope kept, in the queues they target (the receiving account's functions).
 */
final class CrossAccountForwarding {

    /** One event EventBridge forwarded: which rule, from which account to which, and the receiving rules it matched. */
    record Forwarded(String rule, String fromAccount, String toAccount, String detailType, String id,
                     List<String> matchedRules) {}

    private record Route(CloudTemplate.Forwarding forwarding, String queueUrl, TestAws target) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestAws source;
    private final String sourceAccount;
    private final Dispatcher sourceDispatcher;
    private final List<Route> routes;
    private final java.util.Map<String, String> probeBuses = new java.util.HashMap<>();
    private final java.util.Map<String, String> probes = new java.util.HashMap<>();

    private CrossAccountForwarding(TestAws source, String sourceAccount, Dispatcher sourceDispatcher,
                                   List<Route> routes) {
        this.source = source;
        this.sourceAccount = sourceAccount;
        this.sourceDispatcher = sourceDispatcher;
        this.routes = routes;
    }

    /**
     * @param source     the harness in the template's account
     * @param dispatcher the sender's dispatcher: it knows the original envelope of the AWS events the story injected
     * @param accounts   the harness in each other account, by account id
     */
    static CrossAccountForwarding provision(TestAws source, CloudTemplate template, Dispatcher dispatcher,
                                            Function<String, TestAws> accounts) {
        List<Route> routes = new ArrayList<>();
        for (var forwarding : template.forwardings()) {
            var queueName = "forward-" + forwarding.logicalId();
            var queueUrl = source.sqs().createQueue(r -> r.queueName(queueName.length() > 80
                    ? queueName.substring(0, 80) : queueName)).queueUrl();
            var queueArn = source.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            source.events().putRule(r -> r.name(forwarding.logicalId()).eventBusName(forwarding.bus())
                    .eventPattern(forwarding.pattern()));
            source.events().putTargets(r -> r.rule(forwarding.logicalId()).eventBusName(forwarding.bus())
                    .targets(t -> t.id("forward").arn(queueArn)));
            routes.add(new Route(forwarding, queueUrl, accounts.apply(forwarding.targetAccount())));
        }
        return new CrossAccountForwarding(source, template.account(), dispatcher, List.copyOf(routes));
    }

    /** How many forwarding rules the template has. */
    int rules() {
        return routes.size();
    }

    /** Delivers everything the forwarding rules matched since the last call; returns what crossed, in order. */
    List<Forwarded> deliver() throws java.io.IOException {
        List<Forwarded> forwarded = new ArrayList<>();
        for (var route : routes) {
            while (true) {
                var messages = source.sqs().receiveMessage(r -> r.queueUrl(route.queueUrl()).maxNumberOfMessages(10)
                        .waitTimeSeconds(0)).messages();
                if (messages.isEmpty()) break;
                for (var message : messages) {
                    var envelope = sourceDispatcher.asAwsWouldDeliver(JSON.readTree(message.body()));
                    forwarded.add(deliver(route, envelope));
                    source.sqs().deleteMessage(r -> r.queueUrl(route.queueUrl()).receiptHandle(message.receiptHandle()));
                }
            }
        }
        return forwarded;
    }

    private Forwarded deliver(Route route, byte[] envelope) throws java.io.IOException {
        var event = JSON.readTree(envelope);
        var body = new String(envelope, StandardCharsets.UTF_8);
        var target = route.target();
        var bus = route.forwarding().targetBus();
        List<String> matched = new ArrayList<>();
        for (var rule : matchingRules(target, bus, event)) {
            matched.add(rule);
            for (var ruleTarget : target.events().listTargetsByRule(r -> r.rule(rule).eventBusName(bus)).targets()) {
                sendToQueue(target, ruleTarget.arn(), body);
            }
        }
        return new Forwarded(route.forwarding().logicalId(), sourceAccount, route.forwarding().targetAccount(),
                event.path("detail-type").asText(), event.path("id").asText(), List.copyOf(matched));
    }

    /**
     * The receiving bus's rules that match {@code event}, by moto's own matching. moto matches an event against
     * {@code account} as the caller's account, and serves no TestEventPattern: so the receiving rules' patterns are
     * copied onto a probe bus of the sender's account, each targeting a probe queue, and the event is put there by the
     * sender, as the sender's.
     */
    private List<String> matchingRules(TestAws target, String bus, JsonNode event) {
        var rules = new ArrayList<Rule>();
        String token = null;
        do {
            var next = token;
            var page = target.events().listRules(r -> r.eventBusName(bus).nextToken(next));
            page.rules().stream().filter(r -> r.eventPattern() != null).forEach(rules::add);
            token = page.nextToken();
        } while (token != null);
        var probeBus = probeBus(target.emulator().environment().get("AWS_ACCESS_KEY_ID"), bus);
        var queues = new java.util.LinkedHashMap<String, String>();
        for (var rule : rules) queues.put(rule.name(), probe(probeBus, rule));
        var entry = software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry.builder()
                .eventBusName(probeBus).source(event.path("source").asText())
                .detailType(event.path("detail-type").asText()).detail(event.path("detail").toString())
                .resources(strings(event.path("resources"))).build();
        var response = source.events().putEvents(r -> r.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("the probe bus refused the event: "
                    + response.entries().getFirst().errorMessage());
        }
        List<String> matched = new ArrayList<>();
        queues.forEach((rule, queueUrl) -> {
            var messages = source.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (!messages.isEmpty()) matched.add(rule);
            messages.forEach(m -> source.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        });
        return matched;
    }

    private String probeBus(String targetKey, String bus) {
        return probeBuses.computeIfAbsent(targetKey + "/" + bus, key -> {
            var name = "sandbox-probe-" + (probeBuses.size() + 1);
            source.events().createEventBus(r -> r.name(name));
            return name;
        });
    }

    /** The probe rule and queue standing in for one receiving rule (made again when its pattern changed). */
    private String probe(String probeBus, Rule rule) {
        return probes.computeIfAbsent(probeBus + "/" + rule.name() + "/" + rule.eventPattern(), key -> {
            var name = "probe-" + (probes.size() + 1);
            var queueUrl = source.sqs().createQueue(r -> r.queueName(name)).queueUrl();
            var queueArn = source.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            source.events().putRule(r -> r.name(name).eventBusName(probeBus).eventPattern(rule.eventPattern()));
            source.events().putTargets(r -> r.rule(name).eventBusName(probeBus).targets(t -> t.id("probe").arn(queueArn)));
            return queueUrl;
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The receiving side's rules target the sandbox's queues (functions, the timeline's tap), nothing else. */
    private static void sendToQueue(TestAws target, String arn, String body) {
        var parts = arn.split(":");
        if (!"sqs".equals(parts[2])) {
            throw new IllegalStateException("a rule of the receiving bus targets " + arn + ", not a sandbox queue");
        }
        var queueUrl = target.sqs().getQueueUrl(r -> r.queueName(parts[5]).queueOwnerAWSAccountId(parts[4]))
                .queueUrl();
        target.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }
}
