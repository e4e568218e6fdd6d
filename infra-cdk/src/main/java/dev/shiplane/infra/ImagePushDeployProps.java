package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link ImagePushDeploy}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code            the deploy function's package (the {@code shiplane-deploy} package artifact). Required.
 * @param core            shiplane's bus (read and written), ledger (deployments, leases) and Scheduler group
 *                        (promotions, verifications). Required.
 * @param ecsServices     the ECS services the function may describe and update (both colours of a progressive
 *                        service); also the clusters whose {@code ECS Deployment State Change} events it hears.
 *                        Required, at least one.
 * @param taskRoles       names of the IAM roles the services' task definitions name (task and execution roles,
 *                        {@code taskRole}/{@code executionRole} in shiplane.yml): the only roles the function may
 *                        pass to the revisions it registers ({@code iam:PassRole} towards ECS tasks). Required, at
 *                        least one.
 * @param ecrRepositories ECR repositories whose pushes start a deployment. Default: none, and then no ECR rule
 *                        (all images come from GHCR through {@code Image Pushed}).
 * @param ecrRegistries   the account of each of {@code ecrRepositories} that another account holds: its ARNs name
 *                        that account, and its events arrive forwarded on shiplane's bus
 *                        ({@link ImagePushDeploy#addForwardedEvents}), not on the default bus. Default: none.
 * @param memorySize      function memory in MB. Default: {@value #DEFAULT_MEMORY_MB}.
 * @param timeout         function timeout. Default: 30 seconds.
 * @param leaseDuration   how long a deployment lease in the ledger lasts; must outlive {@code timeout}.
 *                        Default: 120 seconds.
 * @param logRetention    retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel        log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 * @param reservedConcurrency concurrency reserved for the function, at least 1, or {@code null} for none. Default:
 *                        none. A guaranteed share of the account's concurrency that is also a cap; Lambda refuses a
 *                        reservation that leaves less than 100 of the account unreserved ({@link FunctionConcurrency}).
 */
public record ImagePushDeployProps(Code code, DeliveryCore core, List<EcsServiceRef> ecsServices,
                                   List<String> taskRoles, List<String> ecrRepositories, int memorySize, Duration timeout,
                                   Duration leaseDuration, RetentionDays logRetention, String logLevel,
                                   Integer reservedConcurrency, Map<String, String> ecrRegistries) {

    /** JVM plus AWS SDK need room, and Lambda allots CPU in proportion to memory: less makes cold starts slow. */
    public static final int DEFAULT_MEMORY_MB = 1024;

    public ImagePushDeployProps {
        DeliveryFunction.validate(code, core, memorySize, timeout, leaseDuration, logRetention, logLevel);
        ecsServices = List.copyOf(ecsServices);
        ecrRepositories = List.copyOf(ecrRepositories);
        ecrRegistries = Map.copyOf(ecrRegistries);
        taskRoles = List.copyOf(taskRoles);
        if (taskRoles.isEmpty()) {
            throw new IllegalArgumentException("taskRoles is empty: the deploy function could pass no role to the"
                    + " revisions it registers, and ECS refuses a revision whose roles it may not pass");
        }
        taskRoles.forEach(AwsNames::requireRoleName);
        if (ecsServices.isEmpty()) {
            throw new IllegalArgumentException("ecsServices is empty: the deploy function would have nothing it may"
                    + " deploy (does shiplane.yml list services for this environment?)");
        }
        ecrRepositories.forEach(AwsNames::requireEcrRepository);
        if (reservedConcurrency != null && reservedConcurrency < 1) {
            throw new IllegalArgumentException("reservedConcurrency " + reservedConcurrency + " would throttle every"
                    + " deployment (leave it unset for none)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ImagePushDeployProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends DeliveryFunctionBuilder<Builder> {
        private List<String> ecrRepositories = List.of();
        private List<String> taskRoles = List.of();
        private Integer reservedConcurrency;
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

        public Builder taskRoles(List<String> taskRoles) {
            this.taskRoles = taskRoles;
            return this;
        }

        public Builder reservedConcurrency(Integer reservedConcurrency) {
            this.reservedConcurrency = reservedConcurrency;
            return this;
        }

        public ImagePushDeployProps build() {
            return new ImagePushDeployProps(code, core, ecsServices, taskRoles, ecrRepositories, memorySize, timeout,
                    leaseDuration, logRetention, logLevel, reservedConcurrency, ecrRegistries);
        }
    }
}
