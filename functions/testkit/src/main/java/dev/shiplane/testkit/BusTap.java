package dev.shiplane.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SQS queue subscribed by an EventBridge rule: what really reached a bus, as delivered by moto's own pattern
 * matching. Tests assert on it instead of trusting the publisher.
 */
public final class BusTap {

    private static final Pattern DETAIL_TYPE = Pattern.compile("\"detail-type\"\\s*:\\s*\"([^\"]*)\"");

    private final TestAws aws;
    private final String queueUrl;

    private BusTap(TestAws aws, String queueUrl) {
        this.aws = aws;
        this.queueUrl = queueUrl;
    }

    static BusTap create(TestAws aws, String bus, String name, String pattern) {
        var queueUrl = aws.sqs().createQueue(r -> r.queueName(name)).queueUrl();
        var queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        aws.events().putRule(r -> r.name(name).eventBusName(bus).eventPattern(pattern));
        aws.events().putTargets(r -> r.rule(name).eventBusName(bus).targets(t -> t.id("tap").arn(queueArn)));
        return new BusTap(aws, queueUrl);
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** Every event delivered so far, oldest first, removed from the queue. */
    public List<String> drain() {
        List<String> bodies = new ArrayList<>();
        while (true) {
            var messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (var m : messages) {
                bodies.add(m.body());
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** The detail-types of {@link #drain()}, in order. */
    public List<String> drainDetailTypes() {
        return drain().stream().map(BusTap::detailType).toList();
    }

    public static String detailType(String eventJson) {
        Matcher m = DETAIL_TYPE.matcher(eventJson);
        return m.find() ? m.group(1) : "?";
    }
}
