package dev.shiplane.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * An SQS queue as an asynchronous invocation's destination, with the one permission Lambda uses to deliver to it:
 * {@code sqs:SendMessage} on the queue. CDK's {@code SqsDestination} grants {@code grantSendMessages}, which adds
 * {@code sqs:GetQueueAttributes} and {@code sqs:GetQueueUrl} the function never needs.
 */
final class SendOnlyQueueDestination implements IDestination {

    private final IQueue queue;

    SendOnlyQueueDestination(IQueue queue) {
        this.queue = queue;
    }

    @Override
    public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
        return bind(scope, fn);
    }

    @Override
    public DestinationConfig bind(Construct scope, IFunction fn) {
        fn.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .build());
        return DestinationConfig.builder().destination(queue.getQueueArn()).build();
    }
}
