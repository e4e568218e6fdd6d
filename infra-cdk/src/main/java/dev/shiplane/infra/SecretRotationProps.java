package dev.shiplane.infra;

import dev.shiplane.core.config.RotationSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link SecretRotation}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code            the rotation function's package (the {@code shiplane-rotate} package artifact). Required.
 * @param bus             shiplane's event bus: {@code Rotation Requested} is read from it, {@code Secret Rotated},
 *                        {@code Rotation Failed} and {@code Redeploy Requested} are put on it. Required.
 * @param secretIds       the managed secrets (names or ARNs): the function may read, stage and promote their versions
 *                        and nothing else. Required, at least one.
 * @param readOnlySecretIds secrets the function only reads (the master users' credentials). Default: none.
 * @param schedule        EventBridge schedule expression of the rotation run. Default: {@value RotationSpec#MONTHLY}
 *                        (00:00 UTC on the 1st of every month).
 * @param memorySize      function memory in MB. Default: 1024.
 * @param timeout         function timeout; a scheduled run rotates every secret in one invocation. Default: 2 minutes.
 * @param staleAfter      age at which another run's pending version counts as abandoned and is taken over; must
 *                        outlive {@code timeout}, so a live run is never overtaken. Default: 10 minutes.
 * @param databaseTimeout how long connecting to a database and each statement may take. Default: 10 seconds.
 * @param logRetention    retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel        log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 */
public record SecretRotationProps(Code code, IEventBus bus, List<String> secretIds, List<String> readOnlySecretIds,
                                  String schedule, int memorySize, Duration timeout, Duration staleAfter,
                                  Duration databaseTimeout, RetentionDays logRetention, String logLevel) {

    public SecretRotationProps {
        FunctionBuilder.validate(code, "the rotation function's jar", memorySize, timeout, logRetention, logLevel);
        Objects.requireNonNull(bus, "bus is required (shiplane's event bus)");
        Objects.requireNonNull(staleAfter, "staleAfter must not be null");
        Objects.requireNonNull(databaseTimeout, "databaseTimeout must not be null");
        secretIds = List.copyOf(new LinkedHashSet<>(secretIds));
        var readOnly = new ArrayList<>(new LinkedHashSet<>(readOnlySecretIds));
        readOnly.removeAll(secretIds);
        readOnlySecretIds = List.copyOf(readOnly);
        if (secretIds.isEmpty()) {
            throw new IllegalArgumentException("secretIds is empty: the rotation function would have nothing to rotate"
                    + " (does shiplane.yml list rotation.secrets?)");
        }
        secretIds.forEach(SecretRotationProps::requireSecretId);
        readOnlySecretIds.forEach(SecretRotationProps::requireSecretId);
        if (schedule == null || !schedule.matches("(cron|rate)\\(.+\\)")) {
            throw new IllegalArgumentException("schedule '" + schedule + "' is not an EventBridge schedule expression"
                    + " (cron(...) or rate(...))");
        }
        long timeoutSeconds = timeout.toSeconds().longValue();
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is outside Lambda's 1-900 s");
        }
        if (staleAfter.toSeconds().longValue() <= timeoutSeconds) {
            throw new IllegalArgumentException("staleAfter " + staleAfter.toSeconds() + " s must be longer than the"
                    + " function timeout " + timeoutSeconds + " s, or a live rotation could be taken over");
        }
        if (databaseTimeout.toSeconds().longValue() < 1 || databaseTimeout.toSeconds().longValue() >= timeoutSeconds) {
            throw new IllegalArgumentException("databaseTimeout " + databaseTimeout.toSeconds() + " s must be at least"
                    + " 1 s and shorter than the function timeout " + timeoutSeconds + " s");
        }
    }

    /** A name or ARN; a {@code *} or {@code ?} would widen the function's grant to secrets it does not manage. */
    private static void requireSecretId(String id) {
        if (id == null || id.isBlank() || id.contains("*") || id.contains("?")
                || !id.matches("arn:aws[a-z-]*:secretsmanager:.+|[A-Za-z0-9/_+=.@-]{1,512}")) {
            throw new IllegalArgumentException("secret id '" + id + "' is not a Secrets Manager name or ARN (letters,"
                    + " digits and /_+=.@- only)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SecretRotationProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends FunctionBuilder<Builder> {
        private IEventBus bus;
        private List<String> secretIds = List.of();
        private List<String> readOnlySecretIds = List.of();
        private String schedule = RotationSpec.MONTHLY;
        private Duration staleAfter = Duration.minutes(10);
        private Duration databaseTimeout = Duration.seconds(10);

        private Builder() {
            super(1024, Duration.minutes(2));
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        public Builder secretIds(List<String> secretIds) {
            this.secretIds = secretIds;
            return this;
        }

        public Builder readOnlySecretIds(List<String> readOnlySecretIds) {
            this.readOnlySecretIds = readOnlySecretIds;
            return this;
        }

        /** Takes schedule, managed secrets and their master secrets from {@code shiplane.yml}'s rotation section. */
        public Builder rotation(RotationSpec rotation) {
            this.schedule = rotation.schedule();
            this.secretIds = rotation.secrets().stream().map(s -> s.secretId()).toList();
            this.readOnlySecretIds = rotation.secrets().stream().map(s -> s.masterSecretId())
                    .filter(id -> id != null && !id.isBlank()).toList();
            return this;
        }

        public Builder schedule(String schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = staleAfter;
            return this;
        }

        public Builder databaseTimeout(Duration databaseTimeout) {
            this.databaseTimeout = databaseTimeout;
            return this;
        }

        public SecretRotationProps build() {
            return new SecretRotationProps(code, bus, secretIds, readOnlySecretIds, schedule, memorySize, timeout,
                    staleAfter, databaseTimeout, logRetention, logLevel);
        }
    }
}
