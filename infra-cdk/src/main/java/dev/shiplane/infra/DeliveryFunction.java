package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What the three delivery function families (deploy, canary, rollback) share, so that their constructs only add
 * what is theirs: a {@link SnapStartJavaFunction} told where the bus, the ledger and the Scheduler group are
 * ({@link DeliveryEnvironment}'s variables), the permissions every rollout step needs, a dead-letter queue (child
 * {@code DeadLetters}) and {@link #addTrigger rules} that invoke the alias with retries.
 *
 * <p>Why each family needs the whole set: any of them can move a rollout forward or back. The deploy function
 * starts rollouts (weights, first step schedule) and promotes; the canary function shifts weights and scales
 * colours; the rollback function restores weights and revisions. All of them read gate alarms before acting.
 */
final class DeliveryFunction {

    static final int RETRY_ATTEMPTS = 8;
    /** What the ledger's reads and conditional writes are authorized as; a function that deletes adds DeleteItem. */
    static final List<String> LEDGER_ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
            "dynamodb:UpdateItem");
    /**
     * After an hour an event is stale: a newer push, a later step or a person has likely acted since, so what is
     * left goes to the dead-letter queue to be looked at rather than being applied late.
     */
    static final Duration MAX_EVENT_AGE = Duration.hours(1);

    /**
     * The function's own identity and size.
     *
     * @param description   what the function does, for the console
     * @param handler       {@code class::handleRequest}
     * @param serviceName   names the function in its logs and metrics ({@code shiplane-canary})
     * @param leaseDuration how long a ledger lease held by an invocation lasts; longer than the timeout
     */
    record Settings(String description, String handler, String serviceName, Code code, int memorySize,
                    Duration timeout, Duration leaseDuration, RetentionDays logRetention, String logLevel) {}

    private final Function function;
    private final Alias alias;
    private final Queue deadLetters;
    private final Construct owner;

    /**
     * @param owner       the function family's construct; the function becomes its child {@code Resource}
     * @param ecsServices the services the function may describe and update (both colours of progressive ones)
     */
    DeliveryFunction(Construct owner, Settings settings, DeliveryCore core, List<EcsServiceRef> ecsServices) {
        this.owner = owner;
        var javaFunction = new SnapStartJavaFunction(owner, new SnapStartJavaFunction.Settings(
                settings.description(), settings.handler(), settings.code(), settings.memorySize(), settings.timeout(),
                settings.logRetention(), settings.serviceName(), settings.logLevel(),
                environment(core, settings.leaseDuration())));
        function = javaFunction.function();
        alias = javaFunction.alias();
        deadLetters = DeadLetterQueue.create(owner);
        DeadLetterQueue.catchFunctionErrors(alias, deadLetters, MAX_EVENT_AGE);

        // The item calls of DynamoDbLedger (a transaction is authorized as its puts and updates), not CDK's
        // grantReadWriteData, which adds scans, batches, streams and DescribeTable no function makes.
        core.getLedger().grant(function, LEDGER_ITEM_ACTIONS.toArray(String[]::new));
        core.getBus().grantPutEventsTo(function);
        core.grantScheduling(function);
        function.addToRolePolicy(EcsDeployPermissions.updateServices(owner, ecsServices));
        rolloutReadPermissions().forEach(function::addToRolePolicy);
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("elasticloadbalancing:ModifyRule"))
                // Listener rules of application load balancers only. Their ARNs carry the load balancer's
                // generated id, which the delivery stack cannot know: the rule to shift is found at run time by
                // the two colours' target group names (AlbWeightedTrafficRouter).
                .resources(List.of(Stack.of(owner).formatArn(ArnComponents.builder()
                        .service("elasticloadbalancing").resource("listener-rule").resourceName("app/*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
        suppressWildcards(function, List.of(
                wildcard("Resource::*", "ELB DescribeTargetGroups/DescribeListeners/DescribeRules and CloudWatch"
                        + " DescribeAlarms accept no resource narrower than * (composite alarms are described only"
                        + " under *); all four are read-only"),
                wildcard("Resource::arn:<AWS::Partition>:elasticloadbalancing:<AWS::Region>:<AWS::AccountId>:"
                        + "listener-rule/app/*", "ModifyRule on application load balancer listener rules: a rule's ARN"
                        + " holds the load balancer's generated id, which the rollout finds at run time by the"
                        + " colours' target group names"),
                wildcard("Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/"
                        + core.getScheduleGroupName() + "/*", "One-shot schedules are named per rollout step when"
                        + " created; the grant is limited to shiplane's own schedule group")));
    }

    /** Where the bus, the ledger and the Scheduler group are ({@link DeliveryEnvironment}'s variables). */
    static Map<String, String> environment(DeliveryCore core, Duration leaseDuration) {
        return Map.of(
                DeliveryEnvironment.BUS_NAME, core.getBus().getEventBusName(),
                DeliveryEnvironment.BUS_ARN, core.getBus().getEventBusArn(),
                DeliveryEnvironment.LEDGER_TABLE, core.getLedger().getTableName(),
                DeliveryEnvironment.SCHEDULE_GROUP, core.getScheduleGroupName(),
                DeliveryEnvironment.SCHEDULER_ROLE_ARN, core.getSchedulerRole().getRoleArn(),
                DeliveryEnvironment.LEASE_SECONDS, String.valueOf(leaseDuration.toSeconds().longValue()),
                DeliveryEnvironment.LEDGER_RETENTION_DAYS,
                String.valueOf(core.getLedgerRetention().toDays().longValue()));
    }

    static NagPackSuppression wildcard(String finding, String reason) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").appliesTo(List.of(finding)).reason(reason).build();
    }

    /**
     * A suppression of the wildcard findings of one ECS resource type of the services' ARNs
     * ({@code service-deployment/<cluster>/<service>/*}): one finding per service, hence a pattern.
     */
    static NagPackSuppression ecsResourceWildcards(String resourceType, String reason) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .appliesTo(List.of(io.github.cdklabs.cdknag.RegexAppliesTo.builder()
                        .regex("/^Resource::arn:<AWS::Partition>:ecs:<AWS::Region>:<AWS::AccountId>:" + resourceType
                                + "\\/[A-Za-z0-9_-]+\\/[A-Za-z0-9_-]+\\/\\*$/")
                        .build()))
                .reason(reason).build();
    }

    /** Suppressions of specific wildcard findings, on the role's default policy that holds the statements. */
    static void suppressWildcards(Function function, List<NagPackSuppression> suppressions) {
        var policy = function.getRole().getNode().tryFindChild("DefaultPolicy");
        NagSuppressions.addResourceSuppressions(policy, suppressions);
    }

    /**
     * Reads that IAM accepts only on {@code "*"}: the Service Authorization Reference lists no resource type for
     * the three ELB Describe actions, and CloudWatch answers DescribeAlarms about composite alarms (a service's
     * gate may be one) only to callers whose permission is scoped to {@code "*"}. All four are read-only.
     */
    private static List<PolicyStatement> rolloutReadPermissions() {
        return List.of(
                PolicyStatement.Builder.create()
                        .actions(List.of("elasticloadbalancing:DescribeTargetGroups",
                                "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules"))
                        .resources(List.of("*"))
                        .build(),
                PolicyStatement.Builder.create()
                        .actions(List.of("cloudwatch:DescribeAlarms"))
                        .resources(List.of("*"))
                        .build());
    }

    /**
     * A rule invoking the alias, with retries that ride out throttling and a failing dependency, then the
     * dead-letter queue.
     *
     * @param bus {@code null} for the account's default bus, where AWS services send their events
     */
    Rule addTrigger(String id, IEventBus bus, EventPattern pattern, String description) {
        var target = DeadLetterQueue.ruleTarget(alias, deadLetters, RETRY_ATTEMPTS, MAX_EVENT_AGE);
        return Rule.Builder.create(owner, id).eventBus(bus).eventPattern(pattern).description(description)
                .targets(List.of(target)).build();
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }

    Queue deadLetters() {
        return deadLetters;
    }

    /** The checks every delivery function's props make; messages name the value to fix. */
    static void validate(Code code, DeliveryCore core, int memorySize, Duration timeout, Duration leaseDuration,
                         RetentionDays logRetention, String logLevel) {
        FunctionBuilder.validate(code, "the function's jar", memorySize, timeout, logRetention, logLevel);
        Objects.requireNonNull(core, "core is required (shiplane's bus, ledger and schedule group)");
        Objects.requireNonNull(leaseDuration, "leaseDuration must not be null");
        long timeoutSeconds = timeout.toSeconds().longValue();
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is outside Lambda's 1-900 s");
        }
        // A lease that expires while its invocation still runs lets a retry act on the same service concurrently.
        if (leaseDuration.toSeconds().longValue() <= timeoutSeconds) {
            throw new IllegalArgumentException("leaseDuration " + leaseDuration.toSeconds() + " s must be longer"
                    + " than the function timeout " + timeoutSeconds + " s");
        }
    }
}
