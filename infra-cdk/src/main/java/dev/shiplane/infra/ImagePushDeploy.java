package dev.shiplane.infra;

import dev.shiplane.deploy.DeployFunction;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The deploy function family: an image push becomes an ECS deployment. The function (child {@code Resource})
 * hears three rules, {@code EcrPushRule} (default bus; only when ECR repositories are configured),
 * {@code ImagePushedRule} (shiplane's bus) and {@code EcsDeploymentStateRule} (default bus). Every rule invokes
 * the alias {@value #ALIAS_NAME}, never {@code $LATEST}, with retries and a shared dead-letter queue.
 */
public final class ImagePushDeploy extends Construct {

    /** The alias rules invoke: SnapStart snapshots exist only for published versions. */
    public static final String ALIAS_NAME = SnapStartJavaFunction.ALIAS_NAME;
    static final String HANDLER = "dev.shiplane.deploy.DeployHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-deploy";
    static final int RETRY_ATTEMPTS = 8;
    static final Duration MAX_EVENT_AGE = Duration.hours(1);

    private final Function function;
    private final Alias alias;
    private final Queue deadLetters;

    public ImagePushDeploy(Construct scope, String id, ImagePushDeployProps props) {
        super(scope, id);
        var javaFunction = new SnapStartJavaFunction(this, new SnapStartJavaFunction.Settings(
                "shiplane: image push to ECS deployment", HANDLER, props.code(), props.memorySize(), props.timeout(),
                props.logRetention(), SERVICE_NAME, props.logLevel(), Map.of(
                        DeployFunction.BUS_ENV, props.bus().getEventBusName(),
                        DeployFunction.LEDGER_ENV, props.ledger().getTableName(),
                        DeployFunction.LEASE_ENV, String.valueOf(props.leaseDuration().toSeconds().longValue()))));
        function = javaFunction.function();
        alias = javaFunction.alias();
        // SQS-managed keys: EventBridge cannot deliver to a queue encrypted with the AWS managed aws/sqs KMS key,
        // whose key policy cannot be changed to admit it.
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();

        props.bus().grantPutEventsTo(function);
        props.ledger().grantReadWriteData(function);
        EcsDeployPermissions.statements(this, props.ecsServices()).forEach(function::addToRolePolicy);

        if (!props.ecrRepositories().isEmpty()) {
            addTrigger("EcrPushRule", null, DeployEventPatterns.ecrPush(props.ecrRepositories()),
                    "shiplane: a push to a configured ECR repository");
        }
        addTrigger("ImagePushedRule", props.bus(), DeployEventPatterns.imagePushed(),
                "shiplane: an image push from any registry, to deploy");
        var clusters = props.ecsServices().stream().map(EcsServiceRef::cluster).distinct().sorted().toList();
        addTrigger("EcsDeploymentStateRule", null, DeployEventPatterns.ecsDeploymentState(clusters),
                "shiplane: an ECS service deployment finished, to close its record");
    }

    /** @param bus {@code null} for the account's default bus, where AWS services send their events */
    private void addTrigger(String id, IEventBus bus, EventPattern pattern, String description) {
        // Retries ride out throttling and a failing dependency; after an hour a push is stale (a newer one or a
        // person has likely acted since), so what is left goes to the dead-letter queue to be looked at.
        var target = LambdaFunction.Builder.create(alias)
                .deadLetterQueue(deadLetters)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxEventAge(MAX_EVENT_AGE)
                .build();
        Rule.Builder.create(this, id).eventBus(bus).eventPattern(pattern).description(description)
                .targets(List.of(target)).build();
    }

    public IFunction getFunction() {
        return function;
    }

    /** The {@value #ALIAS_NAME} alias; invoke this, not the function. */
    public Alias getAlias() {
        return alias;
    }

    /** Events that exhausted their retries; alarm on its depth and replay from it. */
    public IQueue getDeadLetterQueue() {
        return deadLetters;
    }
}
