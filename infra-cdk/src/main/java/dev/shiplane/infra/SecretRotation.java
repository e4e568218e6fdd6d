package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.environment.RotationEnvironment;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.RotationRequested;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The rotation function family: every managed secret is rotated on a schedule with Secrets Manager's four-step
 * protocol and its consumers are asked to redeploy. The function (child {@code Resource}) is invoked through its
 * alias {@value SnapStartJavaFunction#ALIAS_NAME} by the rule {@code MonthlySchedule} (default bus), the rule
 * {@code RotationRequestedRule} (shiplane's bus) and Secrets Manager's own RotateSecret, which follows the same
 * protocol one step per invocation.
 *
 * <p>Its role may read, stage and promote versions of the managed secrets only, and only read their master users'
 * secrets. Not here yet: VPC access to the databases. A database reachable only inside a VPC needs the function
 * placed in its subnets with a security group the database admits, plus a Secrets Manager VPC endpoint or NAT.
 */
public final class SecretRotation extends Construct {

    static final String HANDLER = "dev.shiplane.rotate.RotateHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-rotate";
    static final int RETRY_ATTEMPTS = 8;
    /** A retried schedule resumes the same rotations; after six hours someone should look at the dead letters. */
    static final Duration MAX_EVENT_AGE = Duration.hours(6);

    private final IFunction function;
    private final Alias alias;
    private final Queue deadLetters;

    public SecretRotation(Construct scope, String id, SecretRotationProps props) {
        super(scope, id);
        var javaFunction = new SnapStartJavaFunction(this, new SnapStartJavaFunction.Settings(
                "shiplane: zero-downtime secret rotation, then redeploys of the consumers", HANDLER, props.code(),
                props.memorySize(), props.timeout(), props.logRetention(), SERVICE_NAME, props.logLevel(), Map.of(
                        DeliveryEnvironment.BUS_NAME, props.bus().getEventBusName(),
                        RotationEnvironment.STALE_SECONDS, String.valueOf(props.staleAfter().toSeconds().longValue()),
                        RotationEnvironment.DB_TIMEOUT_SECONDS,
                        String.valueOf(props.databaseTimeout().toSeconds().longValue()))));
        function = javaFunction.function();
        alias = javaFunction.alias();
        deadLetters = DeadLetterQueue.create(this);
        DeadLetterQueue.catchFunctionErrors(alias, deadLetters, MAX_EVENT_AGE);

        var stack = Stack.of(this);
        var managed = props.secretIds().stream().map(s -> secretArn(stack, s)).toList();
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds",
                        "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
                        "secretsmanager:UpdateSecretVersionStage"))
                .resources(managed)
                .build());
        if (!props.readOnlySecretIds().isEmpty()) {
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"))
                    .resources(props.readOnlySecretIds().stream().map(s -> secretArn(stack, s)).toList())
                    .build());
        }
        // GetRandomPassword acts on no resource: IAM accepts only "*" for it.
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetRandomPassword"))
                .resources(List.of("*"))
                .build());
        DeliveryFunction.suppressWildcards(javaFunction.function(), List.of(DeliveryFunction.wildcard("Resource::*",
                "secretsmanager:GetRandomPassword acts on no resource; IAM accepts only * for it")));
        props.bus().grantPutEventsTo(function);

        // Secrets Manager's RotateSecret invokes the alias directly, only for this account's secrets.
        alias.addPermission("SecretsManagerInvoke", Permission.builder()
                .principal(new ServicePrincipal("secretsmanager.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceAccount(stack.getAccount())
                .build());

        addTrigger(Rule.Builder.create(this, "MonthlySchedule")
                .schedule(Schedule.expression(props.schedule()))
                .description("shiplane: rotate every managed secret (" + props.schedule() + ")"));
        addTrigger(Rule.Builder.create(this, "RotationRequestedRule")
                .eventBus(props.bus())
                .eventPattern(EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(List.of(RotationRequested.DETAIL_TYPE))
                        .build())
                .description("shiplane: rotate one managed secret now"));
    }

    private void addTrigger(Rule.Builder rule) {
        rule.targets(List.of(DeadLetterQueue.ruleTarget(alias, deadLetters, RETRY_ATTEMPTS, MAX_EVENT_AGE))).build();
    }

    /**
     * The ARN of a secret named in shiplane.yml. Secrets Manager appends six random characters to a secret's name
     * in its ARN; {@code -??????} matches exactly those, so {@code team/db} does not also match {@code team/db-old}.
     */
    static String secretArn(Stack stack, String secretId) {
        if (secretId.startsWith("arn:")) return secretId;
        return stack.formatArn(ArnComponents.builder()
                .service("secretsmanager").resource("secret").resourceName(secretId + "-??????")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** The rotation function; invoke it through {@link #getAlias()}. */
    public IFunction getFunction() {
        return function;
    }

    public Alias getAlias() {
        return alias;
    }

    /** Events that exhausted their retries; alarm on its depth and replay from it. */
    public IQueue getDeadLetterQueue() {
        return deadLetters;
    }
}
