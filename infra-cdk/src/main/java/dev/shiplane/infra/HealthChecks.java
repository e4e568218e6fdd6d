package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.HealthCheckDue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The checks function, one per environment whose services declare health or smoke checks (child {@code <env>}, its
 * function the grandchild {@code <env>/Resource}): it hears {@code Health Check Due} for its environment, makes one
 * bounded HTTP request and puts {@code Gate Passed|Failed} on the bus or schedules the next attempt. It never touches
 * the ledger, ECS or the load balancer; its role may put events and manage schedules, nothing else.
 *
 * <p>An environment with a platform block runs its checks function in that platform's VPC (private subnets, the
 * security group {@link ChecksAccess} publishes), read from SSM parameters when the stack is deployed: deploy the
 * ServiceInfra stack first. Other environments' checks functions run outside any VPC and reach public endpoints.
 */
public final class HealthChecks extends Construct {

    static final String HANDLER = "dev.shiplane.checks.ChecksHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-checks";
    /** A check attempt is one request bounded at 30 s at most (docs/CONFIG.md); the rest is two AWS calls. */
    static final Duration TIMEOUT = Duration.seconds(45);
    static final int MEMORY_MB = 512;

    record Checker(String environment, Function function, Alias alias, Queue deadLetters) {}

    private final List<Checker> checkers = new ArrayList<>();

    public HealthChecks(Construct scope, String id, Code code, DeliveryCore core,
                        List<DeploymentScope.CheckedEnvironment> environments) {
        super(scope, id);
        for (var env : environments) {
            checkers.add(checker(new Construct(this, env.name()), env, code, core));
        }
    }

    private static Checker checker(Construct owner, DeploymentScope.CheckedEnvironment env, Code code,
                                   DeliveryCore core) {
        var java = new SnapStartJavaFunction(owner, new SnapStartJavaFunction.Settings(
                "shiplane: health and smoke checks of " + env.name(), HANDLER, code, MEMORY_MB, TIMEOUT,
                RetentionDays.ONE_MONTH, SERVICE_NAME, "INFO", Map.of(
                        DeliveryEnvironment.BUS_NAME, core.getBus().getEventBusName(),
                        DeliveryEnvironment.BUS_ARN, core.getBus().getEventBusArn(),
                        DeliveryEnvironment.SCHEDULE_GROUP, core.getScheduleGroupName(),
                        DeliveryEnvironment.SCHEDULER_ROLE_ARN, core.getSchedulerRole().getRoleArn())));
        var function = java.function();
        core.getBus().grantPutEventsTo(function);
        core.grantScheduling(function);
        if (env.platformVpc()) placeInPlatformVpc(owner, function, env.name());
        DeliveryFunction.suppressWildcards(function, List.of(DeliveryFunction.wildcard(
                "Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/"
                        + core.getScheduleGroupName() + "/*", "The next attempt of a check is a one-shot schedule"
                        + " named when created; the grant is limited to shiplane's own schedule group")));
        var deadLetters = DeadLetterQueue.create(owner);
        DeadLetterQueue.catchFunctionErrors(java.alias(), deadLetters, DeliveryFunction.MAX_EVENT_AGE);
        var target = DeadLetterQueue.ruleTarget(java.alias(), deadLetters, DeliveryFunction.RETRY_ATTEMPTS,
                DeliveryFunction.MAX_EVENT_AGE);
        Rule.Builder.create(owner, "HealthCheckDueRule")
                .eventBus(core.getBus())
                .eventPattern(EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(List.of(HealthCheckDue.DETAIL_TYPE))
                        .detail(Map.of("env", List.of(env.name())))
                        .build())
                .description("shiplane: an attempt of a health or smoke check in " + env.name() + " is due")
                .targets(List.of(target))
                .build();
        return new Checker(env.name(), function, java.alias(), deadLetters);
    }

    /** VPC settings from the SSM parameters the environment's ServiceInfra stack writes ({@link ChecksAccess}). */
    private static void placeInPlatformVpc(Construct owner, Function function, String environment) {
        var subnets = CfnParameter.Builder.create(owner, "SubnetIds")
                .type("AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>")
                .defaultValue(ChecksAccess.subnetIdsParameter(environment))
                .description("SSM parameter holding the subnets of the " + environment + " checks function")
                .build();
        var securityGroup = CfnParameter.Builder.create(owner, "SecurityGroupId")
                .type("AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::Id>")
                .defaultValue(ChecksAccess.securityGroupParameter(environment))
                .description("SSM parameter holding the security group of the " + environment + " checks function")
                .build();
        var cfn = (CfnFunction) function.getNode().getDefaultChild();
        cfn.addPropertyOverride("VpcConfig", Map.of(
                "SubnetIds", subnets.getValueAsList(),
                "SecurityGroupIds", List.of(securityGroup.getValueAsString())));
        // What AWSLambdaVPCAccessExecutionRole grants, inline: Lambda manages the function's network interfaces.
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                        "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"))
                .resources(List.of("*"))
                .build());
        DeliveryFunction.suppressWildcards(function, List.of(DeliveryFunction.wildcard("Resource::*",
                "Lambda creates and deletes the network interfaces of a function in a VPC; EC2 accepts these"
                        + " actions on * only (the interfaces do not exist before)")));
    }

    public List<Checker> checkers() {
        return List.copyOf(checkers);
    }
}
