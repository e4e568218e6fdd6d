package dev.shiplane.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** The dead-letter queue (child {@code DeadLetters}) every function family gives its rule targets. */
final class DeadLetterQueue {

    private DeadLetterQueue() {}

    static Queue create(Construct owner) {
        // SQS-managed keys: EventBridge cannot deliver to a queue encrypted with the AWS managed aws/sqs KMS key,
        // whose key policy cannot be changed to admit it.
        var queue = Queue.Builder.create(owner, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        // cdk-nag recognises a queue as a DLQ only from another queue's redrive policy, not from an EventBridge
        // target's DeadLetterConfig, which is how this one is used.
        NagSuppressions.addResourceSuppressions(queue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the dead-letter queue of the function's EventBridge rule targets"
                        + " (DeadLetterConfig); a dead-letter queue needs no dead-letter queue of its own")
                .build()));
        return queue;
    }
}
