package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.environment.NotifyEnvironment;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.notify.Announcements;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The notify function family: shiplane's lifecycle events told to people, once each, on the notifications topic
 * and in Slack. The function (child {@code Resource}) hears one rule, {@code LifecycleRule} on shiplane's bus,
 * matching the detail-types {@link Announcements#DETAIL_TYPES}; it is its own target, apart from the delivery
 * functions, so a Slack outage never holds up a deployment or a rollback.
 *
 * <p>A failed invocation (Slack down or rate-limiting for the whole retry budget, SNS refusing) is retried by Lambda
 * ({@value #ASYNC_RETRIES} more times) and then sent to the dead-letter queue (child {@code DeadLetters}), as is an
 * event EventBridge could not deliver after {@value #RETRY_ATTEMPTS} attempts. Its role may only read the Slack
 * webhook secret, publish to the topic, and write and delete its claims in the ledger.
 */
public final class Notify extends Construct {

    static final String HANDLER = "dev.shiplane.notify.NotifyHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-notify";
    static final int RETRY_ATTEMPTS = 8;
    static final int ASYNC_RETRIES = DeadLetterQueue.ASYNC_RETRIES;
    /** A notification six hours late is history, not news: it waits in the dead-letter queue instead. */
    static final Duration MAX_EVENT_AGE = Duration.hours(6);

    private final IFunction function;
    private final Alias alias;
    private final Queue deadLetters;

    public Notify(Construct scope, String id, NotifyProps props) {
        super(scope, id);
        var javaFunction = new SnapStartJavaFunction(this, new SnapStartJavaFunction.Settings(
                "shiplane: tell people about deployments, rollbacks, freezes and rotations (Slack and SNS)", HANDLER,
                props.code(), props.memorySize(), props.timeout(), props.logRetention(), SERVICE_NAME,
                props.logLevel(), Map.of(
                        DeliveryEnvironment.LEDGER_TABLE, props.ledger().getTableName(),
                        NotifyEnvironment.SLACK_SECRET_ID, props.slackWebhookUrl().getSecretArn(),
                        NotifyEnvironment.TOPIC_ARN, props.topic().getTopicArn(),
                        NotifyEnvironment.DASHBOARD_NAME, props.dashboardName())));
        function = javaFunction.function();
        alias = javaFunction.alias();
        deadLetters = DeadLetterQueue.create(this);

        // The value only (Powertools' SecretsProvider calls GetSecretValue), not grantRead's DescribeSecret too.
        function.addToRolePolicy(software.amazon.awscdk.services.iam.PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(props.slackWebhookUrl().getSecretArn()))
                .build());
        props.topic().grantPublish(function);
        props.ledger().grant(function, "dynamodb:PutItem", "dynamodb:DeleteItem");
        DeliveryFunction.suppressWildcards(javaFunction.function(), List.of(DeliveryFunction.wildcard(
                "Action::kms:GenerateDataKey*", "Publishing to the KMS-encrypted notifications topic needs a data key"
                        + " of the topic's own key (the grant names that key only); kms:GenerateDataKey* is how"
                        + " SNS's documentation grants it")));

        // Function errors: Lambda's own retries of the asynchronous invocation, then the same dead-letter queue.
        DeadLetterQueue.catchFunctionErrors(alias, deadLetters, MAX_EVENT_AGE);
        Rule.Builder.create(this, "LifecycleRule")
                .eventBus(props.bus())
                .eventPattern(EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(Announcements.DETAIL_TYPES)
                        .build())
                .description("shiplane: lifecycle events people are told about")
                .targets(List.of(DeadLetterQueue.ruleTarget(alias, deadLetters, RETRY_ATTEMPTS, MAX_EVENT_AGE)))
                .build();
    }

    /** The notify function; invoke it through {@link #getAlias()}. */
    public IFunction getFunction() {
        return function;
    }

    public Alias getAlias() {
        return alias;
    }

    /** Events that could not be announced after their retries; alarm on its depth and replay from it. */
    public IQueue getDeadLetterQueue() {
        return deadLetters;
    }
}
