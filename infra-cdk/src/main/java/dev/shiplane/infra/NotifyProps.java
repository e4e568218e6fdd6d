package dev.shiplane.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * Settings of {@link Notify}. Build with {@link #builder()}; {@code build()} rejects a bad value with a message that
 * names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code          the notify function's package (the {@code shiplane-notify} package artifact). Required.
 * @param bus           shiplane's event bus, whose lifecycle events are announced. Required.
 * @param ledger        the ledger table, where each event's notifications are claimed once. Required.
 * @param topic         the notifications topic the plain-text summary is published to. Required.
 * @param slackWebhookUrl the secret holding the Slack incoming-webhook URL; only read. Required.
 * @param dashboardName the CloudWatch dashboard messages link to (in the stack's region). Default: {@code shiplane}.
 * @param memorySize    function memory in MB. Default: 512 (one HTTP call and two AWS calls per event).
 * @param timeout       function timeout; must leave room for the Slack retry budget (10 s). Default: 30 seconds.
 * @param logRetention  retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel      log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record NotifyProps(Code code, IEventBus bus, ITable ledger, ITopic topic, ISecret slackWebhookUrl,
                          String dashboardName, int memorySize, Duration timeout, RetentionDays logRetention,
                          String logLevel) {

    /** Slack's retry budget within one invocation (DeliveryRetry.Limits.DEFAULT) plus the AWS calls around it. */
    static final int MINIMUM_TIMEOUT_SECONDS = 15;

    public NotifyProps {
        FunctionBuilder.validate(code, "the notify function's jar", memorySize, timeout, logRetention, logLevel);
        Objects.requireNonNull(bus, "bus is required (shiplane's event bus)");
        Objects.requireNonNull(ledger, "ledger is required (the ledger table)");
        Objects.requireNonNull(topic, "topic is required (the notifications topic)");
        Objects.requireNonNull(slackWebhookUrl, "slackWebhookUrl is required (the Slack webhook URL's secret)");
        if (dashboardName == null || !dashboardName.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new IllegalArgumentException("dashboardName '" + dashboardName + "' is not a CloudWatch dashboard"
                    + " name (letters, digits, - and _)");
        }
        long timeoutSeconds = timeout.toSeconds().longValue();
        if (timeoutSeconds < MINIMUM_TIMEOUT_SECONDS || timeoutSeconds > 900) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is outside " + MINIMUM_TIMEOUT_SECONDS
                    + "-900 s (Slack's retries within an invocation take up to 10 s)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link NotifyProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends FunctionBuilder<Builder> {
        private IEventBus bus;
        private ITable ledger;
        private ITopic topic;
        private ISecret slackWebhookUrl;
        private String dashboardName = "shiplane";

        private Builder() {
            super(512, Duration.seconds(30));
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        public Builder ledger(ITable ledger) {
            this.ledger = ledger;
            return this;
        }

        public Builder topic(ITopic topic) {
            this.topic = topic;
            return this;
        }

        public Builder slackWebhookUrl(ISecret slackWebhookUrl) {
            this.slackWebhookUrl = slackWebhookUrl;
            return this;
        }

        public Builder dashboardName(String dashboardName) {
            this.dashboardName = dashboardName;
            return this;
        }

        public NotifyProps build() {
            return new NotifyProps(code, bus, ledger, topic, slackWebhookUrl, dashboardName, memorySize, timeout,
                    logRetention, logLevel);
        }
    }
}
