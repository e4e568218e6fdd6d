package dev.shiplane.infra;

import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.events.VerificationDue;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The deploy function family: an image push becomes an ECS deployment. The function (child {@code Resource})
 * hears three rules, {@code EcrPushRule} (default bus; only when ECR repositories are configured),
 * {@code ImagePushedRule} (shiplane's bus: {@code Image Pushed}, {@code Promotion Due}, {@code Verification Due},
 * {@code Redeploy Requested}, {@code Deploy Requested}, {@code Scan Timeout Due}, and {@code Deployment Succeeded},
 * after which the service's old task-definition revisions are deregistered) and {@code EcsDeploymentStateRule} (default bus; completed deployments only: a failed
 * one is the rollback function's). Every rule invokes the alias {@value #ALIAS_NAME}, never {@code $LATEST}, with
 * retries and a shared dead-letter queue.
 */
public final class ImagePushDeploy extends Construct {

    /** The alias rules invoke: SnapStart snapshots exist only for published versions. */
    public static final String ALIAS_NAME = SnapStartJavaFunction.ALIAS_NAME;
    static final String HANDLER = "dev.shiplane.deploy.DeployHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-deploy";
    static final int RETRY_ATTEMPTS = DeliveryFunction.RETRY_ATTEMPTS;
    static final Duration MAX_EVENT_AGE = DeliveryFunction.MAX_EVENT_AGE;
    /** What the deploy function takes from shiplane's own bus. */
    static final List<String> SHIPLANE_DETAIL_TYPES = List.of(ImagePushed.DETAIL_TYPE, PromotionDue.DETAIL_TYPE,
            VerificationDue.DETAIL_TYPE, RedeployRequested.DETAIL_TYPE, DeployRequested.DETAIL_TYPE,
            ScanTimeoutDue.DETAIL_TYPE, DeploymentSucceeded.DETAIL_TYPE);

    private final DeliveryFunction delivery;

    public ImagePushDeploy(Construct scope, String id, ImagePushDeployProps props) {
        super(scope, id);
        // 1024 MB / 30 s (ImagePushDeployProps): a deployment is a handful of AWS calls (ledger, ECS, ELB, bus);
        // Lambda allots CPU in proportion to memory, and less than 1 GB makes the JVM's restore and first calls slow.
        delivery = new DeliveryFunction(this, new DeliveryFunction.Settings(
                "shiplane: image push to ECS deployment", HANDLER, SERVICE_NAME, props.code(), props.memorySize(),
                props.timeout(), props.leaseDuration(), props.logRetention(), props.logLevel()),
                props.core(), props.ecsServices());
        SnapStartJavaFunction.reserveConcurrency(delivery.function(), props.reservedConcurrency());
        // Freezes and scan records are deleted once over; the canary and rollback functions never delete.
        props.core().getLedger().grant(delivery.function(), "dynamodb:DeleteItem");
        // A scan result looks for the deployments held for it, a manual deploy for the image asked for.
        props.core().grantHistoryRead(delivery.function());
        EcsDeployPermissions.registerTaskDefinitions(this, props.taskRoles())
                .forEach(delivery.function()::addToRolePolicy);
        delivery.function().addToRolePolicy(EcsDeployPermissions.cleanTaskDefinitions());
        var suppressions = new java.util.ArrayList<>(List.of(
                DeliveryFunction.wildcard("Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:"
                        + "task-definition/*", "TagResource on task definitions, allowed only while registering one"
                        + " (ecs:CreateAction condition); the families come from the running services")));
        props.taskRoles().stream().filter(role -> role.contains("*")).distinct().forEach(role -> suppressions.add(
                DeliveryFunction.wildcard("Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/" + role,
                        role.equals("*") ? "PassRole, to ECS tasks only, for services made outside shiplane whose"
                                + " roles shiplane.yml does not name (naming them narrows this)"
                                : "PassRole, to ECS tasks only, on the roles of one platform stack, whose names"
                                + " CloudFormation generates after the stack's (DeploymentScope.passableRole)")));
        DeliveryFunction.suppressWildcards(delivery.function(), suppressions);

        if (!props.ecrRepositories().isEmpty()) {
            var repositoryArns = EcrRepositoryArns.of(this, props.ecrRepositories(), props.ecrRegistries());
            // shiplane deploy <env> <service> <tag>: the tag's digest, looked up in the configured repositories only;
            // a push's commit: the annotations of its image index (BatchGetImage returns the manifest, no layers)
            delivery.function().addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("ecr:DescribeImages", "ecr:BatchGetImage"))
                    .resources(repositoryArns)
                    .build());
            // Scan gate: a gated deployment asks ECR for its image's scan when nothing was recorded from an event.
            delivery.function().addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("ecr:DescribeImageScanFindings", "ecr:BatchGetRepositoryScanningConfiguration"))
                    .resources(repositoryArns)
                    .build());
        }
        // ECR and Inspector publish on the default bus of the account holding the repository: the rules there hear
        // this account's repositories; another account's arrive forwarded (addForwardedEvents).
        var ownRepositories = props.ecrRepositories().stream()
                .filter(r -> !props.ecrRegistries().containsKey(r)).toList();
        if (!ownRepositories.isEmpty()) {
            delivery.addTrigger("EcrPushRule", null, DeployEventPatterns.ecrPush(ownRepositories),
                    "shiplane: a push to a configured ECR repository");
            delivery.addTrigger("EcrImageScanRule", null, DeployEventPatterns.ecrImageScan(ownRepositories),
                    "shiplane: a scan result for an image of a configured ECR repository (scan gate)");
            delivery.addTrigger("InspectorScanRule", null,
                    DeployEventPatterns.inspectorInitialScan(ownRepositories),
                    "shiplane: Amazon Inspector's first scan of an image of a configured ECR repository (scan gate)");
        }
        delivery.addTrigger("ImagePushedRule", props.core().getBus(), EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(SHIPLANE_DETAIL_TYPES)
                        .build(),
                "shiplane: an image push from any registry, a promotion or verification that is due, a redeploy,"
                        + " an operator's deploy, a success (old revisions cleaned)");
        var clusters = props.ecsServices().stream().map(EcsServiceRef::cluster).distinct().sorted().toList();
        delivery.addTrigger("EcsDeploymentStateRule", null, DeployEventPatterns.ecsDeploymentCompleted(clusters),
                "shiplane: an ECS service deployment completed, to close its record");
    }

    /**
     * Deployments of services on ECS's engine name {@code hooks} in their {@code UpdateService} (variables
     * {@value EcsLifecycleHooks#FUNCTION_ARN_VARIABLE} and {@value EcsLifecycleHooks#ROLE_ARN_VARIABLE}; the role
     * passed to ECS only), and a pause hook awaiting an approval reaches the function ({@code EcsHookStateRule}).
     */
    public void addEcsHooks(EcsLifecycleHooks hooks) {
        hooks.letUpdateNativeServices(delivery.function());
        delivery.addTrigger("EcsHookStateRule", null, DeployEventPatterns.ecsHookStateChange(),
                "shiplane: a lifecycle hook of an ECS deployment changed state (a pause awaiting approval)");
    }

    /**
     * A ServiceInfra stack of these environments that was created or updated reaches the function
     * ({@code ServiceInfraStackRule}), which deploys each service's newest settings with the image it runs now.
     */
    public void addServiceInfraStacks(List<String> environments) {
        if (environments.isEmpty()) {
            throw new IllegalArgumentException("environments is empty: no ServiceInfra stack to hear");
        }
        delivery.addTrigger("ServiceInfraStackRule", null, DeployEventPatterns.serviceInfraStackSettled(environments),
                "shiplane: a ServiceInfra stack was created or updated; its task settings reach the running images");
    }

    /**
     * What other accounts forward to shiplane's {@code bus} for this account (their stacks'
     * {@link CrossAccountForwarding}): {@value CrossAccountForwarding#PROMOTION_CLEARED} sent by one of
     * {@code promotionSources} (rule {@code PromotionClearedRule}), and of the repositories each registry account
     * holds, the ECR events this account acts on: pushes of the services it takes directly (rule
     * {@code ForwardedEcrPushRule-<account>}), scan results its scan gates wait for
     * ({@code ForwardedEcrImageScanRule-<account>}, {@code ForwardedInspectorScanRule-<account>}). Each rule matches
     * the sending account, which EventBridge keeps on a forwarded event: the bus policy admits those accounts for
     * these detail-types, and the rule takes each only from the account that may send it.
     */
    public void addForwardedEvents(IEventBus bus, List<String> promotionSources,
                                   java.util.Map<String, CrossAccountRoutes.EcrEvents> eventsByRegistry) {
        if (!promotionSources.isEmpty()) {
            delivery.addTrigger("PromotionClearedRule", bus, EventPattern.builder()
                            .source(List.of(DomainEvent.SOURCE))
                            .detailType(List.of(CrossAccountForwarding.PROMOTION_CLEARED))
                            .account(promotionSources)
                            .build(),
                    "shiplane: a promotion into this account's environments, cleared by the source's account");
        }
        eventsByRegistry.forEach((registry, events) -> events.byKind().forEach((kind, repositories) ->
                delivery.addTrigger(kind.receiveRuleId(registry), bus,
                        DeployEventPatterns.fromAccount(kind.pattern(repositories), registry),
                        kind.receiveDescription(registry))));
    }

    public IFunction getFunction() {
        return delivery.function();
    }

    /** The {@value #ALIAS_NAME} alias; invoke this, not the function. */
    public Alias getAlias() {
        return delivery.alias();
    }

    /** Events that exhausted their retries; alarm on its depth and replay from it. */
    public IQueue getDeadLetterQueue() {
        return delivery.deadLetters();
    }
}
