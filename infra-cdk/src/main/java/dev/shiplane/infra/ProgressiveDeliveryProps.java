package dev.shiplane.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link ProgressiveDelivery}. Build with {@link #builder()}; {@code build()} rejects a bad value with
 * a message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code          the canary function's package ({@code functions/canary/target/canary.jar}). Required.
 * @param core          shiplane's bus, ledger and Scheduler group. Required.
 * @param ecsServices   the ECS services the function may describe and scale: both colours of every progressive
 *                      service (rolling ones may be listed too). Required, at least one.
 * @param memorySize    function memory in MB. Default: {@value ImagePushDeployProps#DEFAULT_MEMORY_MB}.
 * @param timeout       function timeout. Default: 30 seconds.
 * @param leaseDuration how long the rollout's lease in the ledger lasts; must outlive {@code timeout}.
 *                      Default: 120 seconds.
 * @param logRetention  retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel      Powertools log level ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
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
    public static final class Builder {
        private Code code;
        private DeliveryCore core;
        private List<EcsServiceRef> ecsServices = List.of();
        private int memorySize = ImagePushDeployProps.DEFAULT_MEMORY_MB;
        private Duration timeout = Duration.seconds(30);
        private Duration leaseDuration = Duration.seconds(120);
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private String logLevel = "INFO";

        private Builder() {}

        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        public Builder core(DeliveryCore core) {
            this.core = core;
            return this;
        }

        public Builder ecsServices(List<EcsServiceRef> ecsServices) {
            this.ecsServices = ecsServices;
            return this;
        }

        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public ProgressiveDeliveryProps build() {
            return new ProgressiveDeliveryProps(code, core, ecsServices, memorySize, timeout, leaseDuration,
                    logRetention, logLevel);
        }
    }
}
