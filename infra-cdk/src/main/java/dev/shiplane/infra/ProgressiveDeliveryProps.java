package dev.shiplane.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link ProgressiveDelivery}. Build with {@link #builder()}; {@code build()} rejects a bad value with
 * a message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code          the canary function's package (the {@code shiplane-canary} package artifact). Required.
 * @param core          shiplane's bus, ledger and Scheduler group. Required.
 * @param ecsServices   the ECS services the function may describe and scale: both colours of every progressive
 *                      service (rolling ones may be listed too). Required, at least one.
 * @param memorySize    function memory in MB. Default: {@value ImagePushDeployProps#DEFAULT_MEMORY_MB}.
 * @param timeout       function timeout. Default: 30 seconds.
 * @param leaseDuration how long the rollout's lease in the ledger lasts; must outlive {@code timeout}.
 *                      Default: 120 seconds.
 * @param logRetention  retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel      log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record ProgressiveDeliveryProps(Code code, DeliveryCore core, List<EcsServiceRef> ecsServices, int memorySize,
                                       Duration timeout, Duration leaseDuration, RetentionDays logRetention,
                                       String logLevel) {

    public ProgressiveDeliveryProps {
        DeliveryFunction.validate(code, core, memorySize, timeout, leaseDuration, logRetention, logLevel);
        ecsServices = List.copyOf(ecsServices);
        if (ecsServices.isEmpty()) {
            throw new IllegalArgumentException("ecsServices is empty: the canary function would have no service"
                    + " whose traffic it may shift (does shiplane.yml list services for this environment?)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ProgressiveDeliveryProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends DeliveryFunctionBuilder<Builder> {

        private Builder() {
            super(Duration.seconds(30));
        }

        @Override
        Builder self() {
            return this;
        }

        public ProgressiveDeliveryProps build() {
            return new ProgressiveDeliveryProps(code, core, ecsServices, memorySize, timeout, leaseDuration,
                    logRetention, logLevel);
        }
    }
}
