package dev.shiplane.infra;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link ImagePushDeploy}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code            the deploy function's package ({@code functions/deploy/target/deploy.jar}). Required.
 * @param bus             shiplane's event bus: {@code Image Pushed} is read from it and domain events are put on
 *                        it. Required.
 * @param ledger          the ledger table (deployments, leases). Required.
 * @param ecsServices     the ECS services the function may describe and update; also the clusters whose
 *                        {@code ECS Deployment State Change} events it hears. Required, at least one.
 * @param ecrRepositories ECR repositories whose pushes start a deployment. Default: none, and then no ECR rule
 *                        (all images come from GHCR through {@code Image Pushed}).
 * @param memorySize      function memory in MB. Default: {@value #DEFAULT_MEMORY_MB}.
 * @param timeout         function timeout. Default: 30 seconds.
 * @param leaseDuration   how long a deployment lease in the ledger lasts; must outlive {@code timeout}.
 *                        Default: 120 seconds.
 * @param logRetention    retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel        Powertools log level ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record ImagePushDeployProps(Code code, IEventBus bus, ITable ledger, List<EcsServiceRef> ecsServices,
                                   List<String> ecrRepositories, int memorySize, Duration timeout,
                                   Duration leaseDuration, RetentionDays logRetention, String logLevel) {

    /** JVM plus AWS SDK need room, and Lambda allots CPU in proportion to memory: less makes cold starts slow. */
    public static final int DEFAULT_MEMORY_MB = 1024;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public ImagePushDeployProps {
        Objects.requireNonNull(code, "code is required (the deploy function's jar)");
        Objects.requireNonNull(bus, "bus is required (shiplane's event bus)");
        Objects.requireNonNull(ledger, "ledger is required (the ledger table)");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(leaseDuration, "leaseDuration must not be null");
        Objects.requireNonNull(logRetention, "logRetention must not be null");
        ecsServices = List.copyOf(ecsServices);
        ecrRepositories = List.copyOf(ecrRepositories);
        if (ecsServices.isEmpty()) {
            throw new IllegalArgumentException("ecsServices is empty: the deploy function would have nothing it may"
                    + " deploy (does shiplane.yml list services for this environment?)");
        }
        ecrRepositories.forEach(AwsNames::requireEcrRepository);
        if (memorySize < 128 || memorySize > 10_240) {
            throw new IllegalArgumentException("memorySize " + memorySize + " MB is outside Lambda's 128-10240 MB");
        }
        long timeoutSeconds = timeout.toSeconds().longValue();
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is outside Lambda's 1-900 s");
        }
        // A lease that expires while its invocation still runs lets a retry deploy the same push a second time.
        if (leaseDuration.toSeconds().longValue() <= timeoutSeconds) {
            throw new IllegalArgumentException("leaseDuration " + leaseDuration.toSeconds() + " s must be longer"
                    + " than the function timeout " + timeoutSeconds + " s");
        }
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("logLevel '" + logLevel + "' is not one of " + LOG_LEVELS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ImagePushDeployProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder {
        private Code code;
        private IEventBus bus;
        private ITable ledger;
        private List<EcsServiceRef> ecsServices = List.of();
        private List<String> ecrRepositories = List.of();
        private int memorySize = DEFAULT_MEMORY_MB;
        private Duration timeout = Duration.seconds(30);
        private Duration leaseDuration = Duration.seconds(120);
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private String logLevel = "INFO";

        private Builder() {}

        public Builder code(Code code) {
            this.code = code;
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

        public Builder ecsServices(List<EcsServiceRef> ecsServices) {
            this.ecsServices = ecsServices;
            return this;
        }

        public Builder ecrRepositories(List<String> ecrRepositories) {
            this.ecrRepositories = ecrRepositories;
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

        public ImagePushDeployProps build() {
            return new ImagePushDeployProps(code, bus, ledger, ecsServices, ecrRepositories, memorySize, timeout,
                    leaseDuration, logRetention, logLevel);
        }
    }
}
