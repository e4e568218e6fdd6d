package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link EcsLifecycleHooks}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code            the hooks function's package (the {@code shiplane-hooks} package artifact). Required.
 * @param core            shiplane's bus (announcements), ledger (deployments, check results) and Scheduler group
 *                        (named in its environment like every delivery function's). Required.
 * @param ecsServices     the services on ECS's engine, whose deployments call the hooks. Required, at least one.
 * @param ecrRepositories ECR repositories whose scan findings the scan gate reads. Default: none.
 * @param ecrRegistries   the account of each of {@code ecrRepositories} that another account holds. Default: none.
 * @param memorySize      function memory in MB. Default: {@value ImagePushDeployProps#DEFAULT_MEMORY_MB}.
 * @param timeout         function timeout; ECS waits for the answer of each invocation. Default: 30 seconds.
 * @param leaseDuration   how long a ledger lease it holds lasts; must outlive {@code timeout}. Default: 120 seconds.
 * @param logRetention    retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel        log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record EcsLifecycleHooksProps(Code code, DeliveryCore core, List<EcsServiceRef> ecsServices,
                                     List<String> ecrRepositories, int memorySize, Duration timeout,
                                     Duration leaseDuration, RetentionDays logRetention, String logLevel,
                                     Map<String, String> ecrRegistries) {

    public EcsLifecycleHooksProps {
        DeliveryFunction.validate(code, core, memorySize, timeout, leaseDuration, logRetention, logLevel);
        ecsServices = List.copyOf(ecsServices);
        ecrRepositories = List.copyOf(ecrRepositories);
        ecrRegistries = Map.copyOf(ecrRegistries);
        if (ecsServices.isEmpty()) {
            throw new IllegalArgumentException("ecsServices is empty: no service runs on ECS's engine, so nothing"
                    + " would call the hooks function (leave it out)");
        }
        ecrRepositories.forEach(AwsNames::requireEcrRepository);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link EcsLifecycleHooksProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends DeliveryFunctionBuilder<Builder> {
        private List<String> ecrRepositories = List.of();
        private Map<String, String> ecrRegistries = Map.of();

        private Builder() {
            super(Duration.seconds(30));
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder ecrRepositories(List<String> ecrRepositories) {
            this.ecrRepositories = ecrRepositories;
            return this;
        }

        public Builder ecrRegistries(Map<String, String> ecrRegistries) {
            this.ecrRegistries = ecrRegistries;
            return this;
        }

        public EcsLifecycleHooksProps build() {
            return new EcsLifecycleHooksProps(code, core, ecsServices, ecrRepositories, memorySize, timeout,
                    leaseDuration, logRetention, logLevel, ecrRegistries);
        }
    }
}
