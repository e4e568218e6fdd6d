package dev.shiplane.cli;

import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * The operator entry as the delivery stack publishes it: the {@value #OUTPUT} output of the {@value #STACK} stack in the
 * caller's account and region (what {@code aws cloudformation describe-stacks} shows), so an operator needs no URL
 * to run the CLI where shiplane is deployed.
 */
final class DeliveryStackEntry {

    /** The delivery stack's name, as the CDK app deploys it ({@code ShiplaneDeliveryStack.STACK_NAME}). */
    static final String STACK = "ShiplaneDelivery";
    static final String OUTPUT = "OperatorUrl";

    private DeliveryStackEntry() {}

    /**
     * The stack's {@value #OUTPUT}, or empty when the account has no such stack or output. Any other refusal (no
     * {@code cloudformation:DescribeStacks}) propagates with AWS's words.
     */
    static Optional<String> operatorUrl(CloudFormationClient cloudFormation) {
        try {
            return cloudFormation.describeStacks(r -> r.stackName(STACK)).stacks().stream()
                    .flatMap(stack -> stack.outputs().stream())
                    .filter(output -> OUTPUT.equals(output.outputKey()))
                    .map(output -> output.outputValue())
                    .filter(url -> url != null && !url.isBlank())
                    .findFirst();
        } catch (CloudFormationException e) {
            // CloudFormation answers a missing stack with ValidationError "Stack with id … does not exist"
            if (e.statusCode() == 400 && String.valueOf(e.getMessage()).contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
