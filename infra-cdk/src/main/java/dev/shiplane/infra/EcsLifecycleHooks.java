package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The hooks function family: ECS's engine calls shiplane at a native service deployment's lifecycle stages
 * (freeze, quarantine and scan gate before scale-up, pre-traffic checks, announcements, post-promotion checks). The
 * function (child {@code Resource}, named {@value EcsHookTarget#FUNCTION_NAME}) is invoked by ECS itself, through
 * its alias {@value EcsHookTarget#ALIAS} and the role ECS assumes for it (child {@code InvokeRole}, named
 * {@code shiplane-hooks-invoke-<region>}): no rule, so no dead-letter queue, since a hook that fails or does not
 * answer makes ECS roll the deployment back. Both are named because the ServiceInfra stacks point at them by ARN
 * ({@link EcsHookTarget}).
 */
public final class EcsLifecycleHooks extends Construct {

    static final String HANDLER = "dev.shiplane.hooks.HooksFunction::handleRequest";
    static final String SERVICE_NAME = "shiplane-hooks";

    private final SnapStartJavaFunction function;
    private final Role invokeRole;

    public EcsLifecycleHooks(Construct scope, String id, EcsLifecycleHooksProps props) {
        super(scope, id);
        function = new SnapStartJavaFunction(this, new SnapStartJavaFunction.Settings(
                "shiplane: ECS lifecycle hooks of services on ECS's engine", HANDLER, props.code(),
                props.memorySize(), props.timeout(), props.logRetention(), SERVICE_NAME, props.logLevel(),
                DeliveryFunction.environment(props.core(), props.leaseDuration()), EcsHookTarget.FUNCTION_NAME));
        var lambda = function.function();
        var ledgerActions = new java.util.ArrayList<>(DeliveryFunction.LEDGER_ITEM_ACTIONS);
        ledgerActions.add("dynamodb:DeleteItem");
        props.core().getLedger().grant(lambda, ledgerActions.toArray(String[]::new));
        props.core().getBus().grantPutEventsTo(lambda);
        // No ECS permission: ECS's hook payload carries what the hooks decide on, and the package holds no ECS
        // client (LeastPrivilegeTest checks the grants against the package's calls).
        if (!props.ecrRepositories().isEmpty()) {
            // The scan gate at PRE_SCALE_UP: the image's findings, and (no scan yet) whether the repository scans.
            lambda.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("ecr:DescribeImageScanFindings", "ecr:BatchGetRepositoryScanningConfiguration"))
                    .resources(EcrRepositoryArns.of(this, props.ecrRepositories(), props.ecrRegistries()))
                    .build());
        }

        invokeRole = Role.Builder.create(this, "InvokeRole")
                .roleName(EcsHookTarget.roleName(this))
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .description("ECS's engine: invokes the hooks function's live alias at a deployment's stages")
                .inlinePolicies(Map.of("InvokeHooks", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("lambda:InvokeFunction"))
                                .resources(List.of(function.alias().getFunctionArn()))
                                .build()))
                        .build()))
                .build();
    }

    /** The hooks function; ECS invokes it through {@link #getAlias()}. */
    public IFunction getFunction() {
        return function.function();
    }

    public Alias getAlias() {
        return function.alias();
    }

    /** The role ECS assumes to invoke the alias: what a native service's hook names as its {@code roleArn}. */
    public IRole getInvokeRole() {
        return invokeRole;
    }

    /**
     * A function that updates services on ECS's engine (a deployment, a settings change, a rollback to the last
     * known-good revision) names this function and role in the update: their ARNs in its environment, and
     * {@code iam:PassRole} on the role, towards ECS only.
     */
    void letUpdateNativeServices(software.amazon.awscdk.services.lambda.Function updater) {
        updater.addEnvironment(DeliveryEnvironment.HOOKS_FUNCTION_ARN, getAlias().getFunctionArn());
        updater.addEnvironment(DeliveryEnvironment.HOOKS_ROLE_ARN, getInvokeRole().getRoleArn());
        updater.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole"))
                .resources(List.of(getInvokeRole().getRoleArn()))
                .conditions(java.util.Map.of("StringEquals", java.util.Map.of("iam:PassedToService",
                        "ecs.amazonaws.com")))
                .build());
    }
}
