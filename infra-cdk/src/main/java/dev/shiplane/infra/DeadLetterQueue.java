package dev.shiplane.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The dead-letter queue (child {@code DeadLetters}) every function family gives its rule targets, and the one place
 * that also sends it the events whose invocations kept failing: EventBridge's target dead-letter queue only receives
 * events it could not deliver to Lambda (throttled, denied); an invocation that threw is Lambda's asynchronous retry,
 * which, without an on-failure destination, drops the event after its last attempt.
 */
final class DeadLetterQueue {

    /** Lambda's own retries of an asynchronous invocation that threw, before the event goes to the queue. */
    static final int ASYNC_RETRIES = 2;

    private DeadLetterQueue() {}

    /**
     * The target a rule invokes {@code alias} through: EventBridge retries a failed delivery {@code retryAttempts}
     * times within {@code maxEventAge}, then puts the event in {@code queue}.
     */
    static LambdaFunction ruleTarget(Alias alias, IQueue queue, int retryAttempts, Duration maxEventAge) {
        return LambdaFunction.Builder.create(alias)
                .deadLetterQueue(queue)
                .retryAttempts(retryAttempts)
                .maxEventAge(maxEventAge)
                .build();
    }

    /** Function errors: Lambda retries the invocation {@value #ASYNC_RETRIES} times, then the event goes to {@code queue}. */
    static void catchFunctionErrors(Alias alias, IQueue queue, Duration maxEventAge) {
        alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(ASYNC_RETRIES)
                .maxEventAge(maxEventAge)
                .onFailure(new SendOnlyQueueDestination(queue))
                .build());
    }

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
