package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Plays Lambda's part: events are put on their bus, the template's rules (real moto pattern matching) route them to
 * one SQS queue per function, and the dispatcher invokes each function with what its queue received. A failed
 * invocation is retried like an asynchronous Lambda invocation (3 attempts in all), then counted as dead-lettered.
 */
final class Dispatcher {

    /**
     * The outcome of one invocation, for the timeline; {@code nanos} is how long the handler ran, {@code sdkNanos}
     * how much of it was spent in AWS SDK calls (0 unless {@link SdkCallTiming} is loaded with the functions).
     */
    record Invocation(String function, String detailType, String result, String error, boolean deadLettered,
                      long nanos, long sdkNanos) {}

    static final int ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestAws aws;
    private final String shiplaneBus;
    private final String account;
    private final Map<String, FunctionHost> hostsByQueue = new LinkedHashMap<>();
    private final List<Map.Entry<JsonNode, byte[]>> injectedAwsEvents = new ArrayList<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, String> scheduleQueues = new HashMap<>();

    Dispatcher(TestAws aws, String shiplaneBus) {
        this(aws, shiplaneBus, AwsEmulator.ACCOUNT);
    }

    /** @param account the account {@code aws} acts in: the sender's account of what its functions publish */
    Dispatcher(TestAws aws, String shiplaneBus, String account) {
        this.aws = aws;
        this.shiplaneBus = shiplaneBus;
        this.account = account;
    }

    void serve(String queueUrl, FunctionHost host) {
        hostsByQueue.put(queueUrl, host);
    }

    /** Whether the template of this dispatcher's account has the schedule rule {@code ruleName}. */
    boolean hasSchedule(String ruleName) {
        return scheduleQueues.containsKey(ruleName);
    }

    /** The queue behind a schedule rule: moto stores schedules but never fires them, so the sandbox does. */
    void fireOnSchedule(String ruleName, String queueUrl) {
        scheduleQueues.put(ruleName, queueUrl);
    }

    /**
     * Puts an event on the bus its source belongs to: AWS services' events on the default bus, shiplane's own on the
     * shiplane bus. PutEvents cannot set an event's id, so the original document is kept and handed to functions as
     * AWS would deliver it (same id when AWS redelivers, the sender's account).
     */
    void inject(byte[] event) throws java.io.IOException {
        var node = JSON.readTree(event);
        var source = text(node, "source");
        if ("aws.events".equals(source) && "Scheduled Event".equals(text(node, "detail-type"))) {
            fireSchedule(node, event);
            return;
        }
        var entry = PutEventsRequestEntry.builder()
                .eventBusName(source.startsWith("aws.") ? "default" : shiplaneBus)
                .source(source)
                .detailType(text(node, "detail-type"))
                .detail(node.path("detail").toString())
                .time(node.hasNonNull("time") ? Instant.parse(node.get("time").asText()) : null)
                .resources(strings(node.path("resources")))
                .build();
        if (source.startsWith("aws.")) {
            injectedAwsEvents.add(Map.entry(node, event));
        }
        var response = aws.events().putEvents(r -> r.entries(entry));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("the emulator refused the event: " + response.entries().getFirst().errorMessage());
        }
    }

    /**
     * A {@code Scheduled Event} names its rule in {@code resources}; it is delivered to that rule's target as
     * EventBridge would when the schedule comes due.
     */
    private void fireSchedule(JsonNode node, byte[] event) {
        var ruleArn = node.path("resources").path(0).asText();
        var ruleName = ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
        var queueUrl = scheduleQueues.get(ruleName);
        if (queueUrl == null) {
            throw new IllegalStateException("no schedule rule '" + ruleName + "' in the template (schedules: "
                    + scheduleQueues.keySet() + ")");
        }
        injectedAwsEvents.add(Map.entry(node, event));
        aws.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(new String(event, StandardCharsets.UTF_8)));
    }

    /** Invokes functions until every queue is empty; returns what happened, in order. */
    List<Invocation> drain() throws Exception {
        List<Invocation> invocations = new ArrayList<>();
        boolean delivered = true;
        while (delivered) {
            delivered = false;
            for (var entry : hostsByQueue.entrySet()) {
                var queueUrl = entry.getKey();
                var messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(0)).messages();
                for (var message : messages) {
                    delivered = true;
                    invocations.add(invoke(entry.getValue(), queueUrl, message.messageId(), message.receiptHandle(),
                            message.body()));
                }
            }
        }
        return invocations;
    }

    private Invocation invoke(FunctionHost host, String queueUrl, String messageId, String receipt, String body)
            throws Exception {
        var delivered = JSON.readTree(body);
        var event = asAwsWouldDeliver(delivered);
        var detailType = text(delivered, "detail-type");
        long sdkBefore = SdkCallClock.read()[2];
        long start = System.nanoTime();
        try {
            var output = host.invoke(event);
            long nanos = System.nanoTime() - start;
            long sdkNanos = SdkCallClock.read()[2] - sdkBefore;
            var result = JSON.readTree(output).path("result").asText();
            aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receipt));
            return new Invocation(host.name(), detailType, result, null, false, nanos, sdkNanos);
        } catch (RuntimeException failure) {
            long nanos = System.nanoTime() - start;
            long sdkNanos = SdkCallClock.read()[2] - sdkBefore;
            int attempt = attempts.merge(messageId, 1, Integer::sum);
            if (attempt < ATTEMPTS) {
                aws.sqs().changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(0));
            } else {
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receipt));
            }
            return new Invocation(host.name(), detailType, null,
                    failure.getClass().getSimpleName() + ": " + failure.getMessage(), attempt >= ATTEMPTS, nanos, sdkNanos);
        }
    }

    /**
     * The event as AWS delivers it: the story's own document for an AWS event it injected (moto re-minted it), else
     * moto's delivery with the sender's account, which moto leaves out.
     */
    byte[] asAwsWouldDeliver(JsonNode delivered) {
        var source = text(delivered, "source");
        if (source.startsWith("aws.")) {
            for (var injected : injectedAwsEvents) {
                if (sameEvent(injected.getKey(), delivered)) return injected.getValue();
            }
        }
        // moto leaves out the sender's account, which every real EventBridge event carries.
        var copy = (ObjectNode) delivered.deepCopy();
        if (!copy.hasNonNull("account")) copy.put("account", account);
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean sameEvent(JsonNode a, JsonNode b) {
        return text(a, "source").equals(text(b, "source")) && text(a, "detail-type").equals(text(b, "detail-type"))
                && a.path("detail").equals(b.path("detail"));
    }

    private static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field) || !node.get(field).isTextual()) {
            throw new IllegalArgumentException("event has no " + field);
        }
        return node.get(field).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
