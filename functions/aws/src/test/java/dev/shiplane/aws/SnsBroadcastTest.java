package dev.shiplane.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.fakes.BroadcastContract;
import dev.shiplane.core.notify.Broadcast;
import dev.shiplane.core.notify.PlainText;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The broadcast contract against an SNS topic in the emulator, read back through a subscribed SQS queue. */
@ExtendWith(EmulatorExtension.class)
class SnsBroadcastTest extends BroadcastContract {

    static final ObjectMapper JSON = new ObjectMapper();

    private SnsClient sns;
    private SqsClient sqs;
    private String topicArn;
    private String queueUrl;

    @BeforeEach
    void topic(TestAws aws) {
        sns = aws.build(SnsClient.builder());
        sqs = aws.sqs();
        topicArn = sns.createTopic(r -> r.name("shiplane-notifications")).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName("subscriber")).queueUrl();
        var queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    @Override
    protected Broadcast broadcast() {
        return new SnsBroadcast(sns, topicArn);
    }

    @Override
    protected Broadcast refusingBroadcast() {
        return new SnsBroadcast(sns, topicArn + "-missing");
    }

    @Override
    protected List<PlainText> received() {
        var received = new ArrayList<PlainText>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) return received;
            for (var message : messages) {
                try {
                    var envelope = JSON.readTree(message.body()); // SNS's notification, not raw delivery
                    received.add(new PlainText(envelope.get("Subject").asText(), envelope.get("Message").asText()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
