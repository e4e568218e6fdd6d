package dev.shiplane.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link OperatorEntry}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code         the operator function's package (the {@code shiplane-operator} package artifact). Required.
 * @param bus          shiplane's event bus, which accepted requests and refusals are put on. Required.
 * @param ledger       the ledger table: freezes, and the request ids already handled. Required.
 * @param memorySize   function memory in MB. Default: {@value ImagePushDeployProps#DEFAULT_MEMORY_MB}.
 * @param timeout      function timeout, 1 to {@value #MAX_TIMEOUT_SECONDS} seconds: a person waits at the CLI for
 *                     the answer. Default: 10 seconds.
 * @param logRetention retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel     log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record OperatorEntryProps(Code code, IEventBus bus, ITable ledger, int memorySize, Duration timeout,
                                 RetentionDays logRetention, String logLevel) {

    static final int MAX_TIMEOUT_SECONDS = 30;

    public OperatorEntryProps {
        FunctionBuilder.validate(code, "the operator function's jar", memorySize, timeout, logRetention, logLevel);
        Objects.requireNonNull(bus, "bus is required (shiplane's event bus)");
        Objects.requireNonNull(ledger, "ledger is required (the ledger table)");
        long timeoutSeconds = timeout.toSeconds().longValue();
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is outside 1-" + MAX_TIMEOUT_SECONDS
                    + " s: an operator waits at the CLI for the answer, which is one read and two writes");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OperatorEntryProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends FunctionBuilder<Builder> {
        private IEventBus bus;
        private ITable ledger;

        private Builder() {
            super(ImagePushDeployProps.DEFAULT_MEMORY_MB, Duration.seconds(10));
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

        public OperatorEntryProps build() {
            return new OperatorEntryProps(code, bus, ledger, memorySize, timeout, logRetention, logLevel);
        }
    }
}
