package dev.shiplane.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link AlarmRollback}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code                the rollback function's package (the {@code shiplane-rollback} package artifact).
 *                            Required.
 * @param core                shiplane's bus, ledger and Scheduler group. Required.
 * @param ecsServices         the ECS services the function may describe and update (both colours of progressive
 *                            ones); also the clusters whose failed ECS deployments it hears. Required, at least one.
 * @param alarmNames          the gate alarms whose {@code ALARM} state starts a rollback, resolved per environment.
 *                            Default: none, and then no alarm rule.
 * @param memorySize          function memory in MB. Default: {@value ImagePushDeployProps#DEFAULT_MEMORY_MB}.
 * @param timeout             function timeout. Default: 60 seconds (an emergency rolls back a whole environment).
 * @param leaseDuration       how long a lease in the ledger lasts; must outlive {@code timeout}. Default: 120 s.
 * @param reservedConcurrency concurrency reserved for the function, at least 2, or {@code null} for none. Default:
 *                            none. Reserving guarantees rollbacks can run while other functions of the account use
 *                            up its concurrency, but it also caps them, and Lambda keeps a minimum unreserved (100,
 *                            or all 10 of a new account's limit): a new account cannot reserve at all, so the stack
 *                            would not deploy there. Rollbacks are rare, short and serialized per service by the ledger lease,
 *                            and EventBridge retries a throttled invocation; set it in accounts that run many other
 *                            functions. 1 is refused: rollbacks of different services would queue behind each other.
 * @param logRetention        retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel            log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record AlarmRollbackProps(Code code, DeliveryCore core, List<EcsServiceRef> ecsServices,
                                 List<String> alarmNames, int memorySize, Duration timeout, Duration leaseDuration,
                                 Integer reservedConcurrency, RetentionDays logRetention, String logLevel) {

    public AlarmRollbackProps {
        DeliveryFunction.validate(code, core, memorySize, timeout, leaseDuration, logRetention, logLevel);
        ecsServices = List.copyOf(ecsServices);
        alarmNames = alarmNames.stream().distinct().sorted().toList();
        if (ecsServices.isEmpty()) {
            throw new IllegalArgumentException("ecsServices is empty: the rollback function would have nothing it may"
                    + " roll back (does shiplane.yml list services for this environment?)");
        }
        alarmNames.forEach(AwsNames::requireAlarmName);
        if (reservedConcurrency != null && reservedConcurrency < 2) {
            throw new IllegalArgumentException("reservedConcurrency " + reservedConcurrency + " is below 2: rollbacks"
                    + " of different services would wait for each other (leave it unset for none)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AlarmRollbackProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends DeliveryFunctionBuilder<Builder> {
        private List<String> alarmNames = List.of();
        private Integer reservedConcurrency;

        private Builder() {
            super(Duration.seconds(60));
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder alarmNames(List<String> alarmNames) {
            this.alarmNames = alarmNames;
            return this;
        }

        public Builder reservedConcurrency(Integer reservedConcurrency) {
            this.reservedConcurrency = reservedConcurrency;
            return this;
        }

        public AlarmRollbackProps build() {
            return new AlarmRollbackProps(code, core, ecsServices, alarmNames, memorySize, timeout, leaseDuration,
                    reservedConcurrency, logRetention, logLevel);
        }
    }
}
