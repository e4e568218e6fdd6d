package dev.shiplane.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stack of an account that holds services' ECR repositories and runs no environment (stack
 * {@code ShiplaneRegistry-<account>}): ECR publishes its events there, on the default bus, so the rules forwarding
 * them to the accounts that deploy the images live there ({@link CrossAccountForwarding}), and it prints the
 * repository policy those accounts need ({@code EcrRepositoryPolicy}).
 */
public final class ShiplaneRegistryStack extends Stack {

    static final String STACK_NAME_PREFIX = "ShiplaneRegistry-";

    ShiplaneRegistryStack(Construct scope, String account, CrossAccountRoutes routes) {
        super(scope, STACK_NAME_PREFIX + account, StackProps.builder()
                .stackName(STACK_NAME_PREFIX + account)
                .description("shiplane: forwards ECR's events of account " + account
                        + "'s repositories to the delivery stacks that deploy them")
                .build());
        if (routes.pullsOut().isEmpty()) {
            throw new IllegalArgumentException("account " + account + " holds no repository another account deploys");
        }
        if (routes.forwardsAnything()) new CrossAccountForwarding(this, "CrossAccountForwarding", null, routes);
        CrossAccountForwarding.outputRepositoryPolicy(this, routes);
    }
}
