package dev.shiplane.core.rotation;

import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PENDING;

import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RotationFailed;
import dev.shiplane.core.events.SecretRotated;
import dev.shiplane.core.events.EventBus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Use case: rotate a managed secret with Secrets Manager's four-step protocol, then announce it and ask for its
 * consumers to be redeployed.
 *
 * <p>Each step reads a fresh snapshot of the secret's versions, asks {@link RotationPlanner} what to do and does only
 * that, so any step can run again, and a whole rotation can run again after a crash in any step, without moving
 * AWSCURRENT to credentials that were not set and tested. A failure publishes {@code Rotation Failed} and is thrown
 * (scrubbed of values) so that the invocation is retried.
 */
public final class RotationService {

    private final ShiplaneConfig config;
    private final SecretVault vault;
    private final DatabaseUsers database;
    private final EventBus bus;
    private final Clock clock;
    private final Duration staleAfter;
    private final Map<SecretType, SecretKindRotation> kinds = new EnumMap<>(SecretType.class);

    /**
     * @param staleAfter age after which another run's AWSPENDING version counts as abandoned; longer than the
     *                   function's timeout, so a live run is never taken over
     */
    public RotationService(ShiplaneConfig config, SecretVault vault, DatabaseUsers database, CredentialsFormat format,
                           EventBus bus, Clock clock, Duration staleAfter) {
        this.config = config;
        this.vault = vault;
        this.database = database;
        this.bus = bus;
        this.clock = clock;
        this.staleAfter = staleAfter;
        var random = new RandomValueRotation(vault);
        kinds.put(SecretType.HMAC_KEY, random);
        kinds.put(SecretType.API_KEY, random);
        kinds.put(SecretType.RANDOM, random);
        kinds.put(SecretType.POSTGRES, new PostgresAlternatingRotation(vault, database, format));
        kinds.put(SecretType.POSTGRES_SINGLE, new PostgresSingleUserRotation(vault, database, format));
    }

    /** The managed secret called {@code name} in {@code rotation.secrets}. */
    public SecretSpec secretNamed(String name) {
        return config.rotation().secrets().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a managed secret (known: "
                        + config.rotation().secrets().stream().map(SecretSpec::name).toList() + ")"));
    }

    /** The managed secret Secrets Manager calls {@code secretId} (its ARN, as RotateSecret sends it, or its name). */
    public SecretSpec secretWithId(String secretId) {
        for (var secret : config.rotation().secrets()) {
            if (secret.secretId().equals(secretId)) return secret;
        }
        var versions = vault.versions(secretId);
        return config.rotation().secrets().stream()
                .filter(s -> s.secretId().equals(versions.name()) || s.secretId().equals(versions.arn()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("secret " + versions.name()
                        + " is not managed by shiplane (rotation.secrets in shiplane.yml)"));
    }

    /**
     * A whole rotation, run by shiplane itself (the schedule, {@code Rotation Requested}): the four steps in the order
     * Secrets Manager's RotateSecret would invoke them, under one token, holding the secret's database lock if its
     * kind has one.
     */
    public RotationOutcome rotate(SecretSpec secret, String token) {
        var sensitive = new Redaction();
        var progress = new Progress(secret.secretId());
        try {
            progress.arn = vault.versions(secret.secretId()).arn();
            var holder = kinds.get(secret.type()).lockHolder(secret, sensitive);
            if (holder.isEmpty()) return runAllSteps(secret, token, sensitive, progress);
            return database.exclusively(holder.get(), lockName(secret),
                            () -> runAllSteps(secret, token, sensitive, progress))
                    .orElseGet(() -> busy(secret, token, progress, "another rotation of " + secret.name()
                            + " holds its database lock"));
        } catch (RuntimeException failure) {
            throw failed(secret, progress.arn, progress.step, failure, sensitive);
        }
    }

    private RotationOutcome runAllSteps(SecretSpec secret, String token, Redaction sensitive, Progress progress) {
        var versions = vault.versions(secret.secretId());
        if (versions.version(token).isEmpty()) {
            var deferral = GracePeriod.deferral(secret, versions, clock.instant());
            if (deferral.isPresent()) {
                bus.publish(new RotationFailed(secret.name(), progress.arn, progress.step.code(), deferral.get(),
                        clock.instant()));
                return new RotationOutcome(secret.name(), token, RotationOutcome.Status.DEFERRED, deferral.get());
            }
        }
        for (var step : RotationStep.values()) {
            progress.step = step;
            // No RotationToken: shiplane itself started this rotation, not a Secrets Manager rotation request.
            var plan = execute(secret, step, token, null, sensitive);
            switch (plan) {
                case StepPlan.Busy busy -> {
                    return busy(secret, token, progress, busy.why());
                }
                case StepPlan.Superseded superseded -> {
                    return new RotationOutcome(secret.name(), token, RotationOutcome.Status.SUPERSEDED,
                            superseded.why());
                }
                case StepPlan.Refuse refuse -> throw new IllegalStateException(refuse.why());
                case StepPlan.Finished ignored -> {
                    announce(secret, progress.arn, token);
                    return new RotationOutcome(secret.name(), token, RotationOutcome.Status.ROTATED,
                            "already finished; announced again");
                }
                case StepPlan.Create c -> { }
                case StepPlan.Proceed p -> { }
                case StepPlan.Promote p -> { }
                case StepPlan.AlreadyDone a -> { }
            }
        }
        announce(secret, progress.arn, token);
        return new RotationOutcome(secret.name(), token, RotationOutcome.Status.ROTATED, null);
    }

    private RotationOutcome busy(SecretSpec secret, String token, Progress progress, String why) {
        bus.publish(new RotationFailed(secret.name(), progress.arn, progress.step.code(), why, clock.instant()));
        return new RotationOutcome(secret.name(), token, RotationOutcome.Status.BUSY, why);
    }

    /**
     * One step, as Secrets Manager's RotateSecret invokes the rotation function
     * ({@code SecretId, ClientRequestToken, Step, RotationToken}).
     *
     * @param rotationToken the request's {@code RotationToken}, handed back to Secrets Manager with the pending value;
     *                      {@code null} when the request carried none. Scrubbed from any failure like a secret value.
     */
    public RotationOutcome step(SecretSpec secret, RotationStep step, String token, String rotationToken) {
        var sensitive = new Redaction();
        if (rotationToken != null) sensitive.add(rotationToken);
        var progress = new Progress(secret.secretId());
        progress.step = step;
        try {
            progress.arn = vault.versions(secret.secretId()).arn();
            var holder = kinds.get(secret.type()).lockHolder(secret, sensitive);
            if (holder.isEmpty()) return runStep(secret, step, token, rotationToken, sensitive, progress);
            return database.exclusively(holder.get(), lockName(secret),
                            () -> runStep(secret, step, token, rotationToken, sensitive, progress))
                    .orElseThrow(() -> new IllegalStateException("another rotation of " + secret.name()
                            + " holds its database lock"));
        } catch (RuntimeException failure) {
            throw failed(secret, progress.arn, step, failure, sensitive);
        }
    }

    private RotationOutcome runStep(SecretSpec secret, RotationStep step, String token, String rotationToken,
                                    Redaction sensitive, Progress progress) {
        var plan = execute(secret, step, token, rotationToken, sensitive);
        return switch (plan) {
            // Secrets Manager starts no rotation while another is pending, so these mean the contract was broken.
            case StepPlan.Busy busy -> throw new IllegalStateException(busy.why());
            case StepPlan.Superseded superseded -> throw new IllegalStateException(superseded.why());
            case StepPlan.Refuse refuse -> throw new IllegalStateException(refuse.why());
            case StepPlan.Promote p -> {
                announce(secret, progress.arn, token);
                yield new RotationOutcome(secret.name(), token, RotationOutcome.Status.ROTATED, null);
            }
            case StepPlan.Finished f when step == RotationStep.FINISH_SECRET -> {
                announce(secret, progress.arn, token);
                yield new RotationOutcome(secret.name(), token, RotationOutcome.Status.ROTATED,
                        "already finished; announced again");
            }
            case StepPlan.Finished f -> new RotationOutcome(secret.name(), token,
                    RotationOutcome.Status.NOTHING_TO_DO, "already finished");
            case StepPlan.AlreadyDone done -> new RotationOutcome(secret.name(), token,
                    RotationOutcome.Status.NOTHING_TO_DO, done.why());
            case StepPlan.Create c -> new RotationOutcome(secret.name(), token, RotationOutcome.Status.STEP_DONE,
                    step.code());
            case StepPlan.Proceed p -> new RotationOutcome(secret.name(), token, RotationOutcome.Status.STEP_DONE,
                    step.code());
        };
    }

    /** Where a rotation is, for the {@code Rotation Failed} of a failure. */
    private static final class Progress {
        RotationStep step = RotationStep.CREATE_SECRET;
        String arn;

        Progress(String secretId) {
            this.arn = secretId;
        }
    }

    static String lockName(SecretSpec secret) {
        return "shiplane-rotation:" + secret.secretId();
    }

    private StepPlan execute(SecretSpec secret, RotationStep step, String token, String rotationToken,
                             Redaction sensitive) {
        var id = secret.secretId();
        var kind = kinds.get(secret.type());
        var versions = vault.versions(id);
        var storedPending = versions.version(token).filter(v -> v.has(PENDING)).isPresent()
                ? vault.valueOf(id, token, PENDING)
                : java.util.Optional.<String>empty();
        storedPending.ifPresent(sensitive::add);
        var plan = RotationPlanner.plan(step, token, versions, storedPending.isPresent(), clock.instant(),
                staleAfter);
        switch (plan) {
            case StepPlan.Create create -> {
                if (create.staleVersionId() != null) {
                    vault.moveStage(id, PENDING, null, create.staleVersionId());
                }
                var current = vault.valueAt(id, CURRENT);
                sensitive.add(current);
                vault.putPending(id, token, kind.createPending(secret, current, sensitive), rotationToken);
            }
            case StepPlan.Proceed proceed -> {
                var current = vault.valueOf(id, proceed.currentVersionId(), CURRENT).orElseThrow(() ->
                        new IllegalStateException("AWSCURRENT of " + secret.name() + " moved during " + step.code()));
                sensitive.add(current);
                var pending = storedPending.orElseThrow();
                if (step == RotationStep.SET_SECRET) kind.set(secret, current, pending, sensitive);
                else kind.test(secret, current, pending, sensitive);
            }
            case StepPlan.Promote promote -> {
                vault.moveStage(id, CURRENT, token, promote.currentVersionId());
                vault.moveStage(id, PENDING, null, token);
            }
            case StepPlan.Finished finished -> {
                if (finished.clearPending()) vault.moveStage(id, PENDING, null, token);
            }
            case StepPlan.AlreadyDone a -> { }
            case StepPlan.Busy b -> { }
            case StepPlan.Superseded s -> { }
            case StepPlan.Refuse r -> { }
        }
        return plan;
    }

    /**
     * {@code Secret Rotated}, then one {@code Redeploy Requested} per consumer and environment it runs in that this
     * stack serves: another account's stack rotates its own copy of the secret and restarts its own consumers.
     */
    private void announce(SecretSpec secret, String arn, String versionId) {
        var now = clock.instant();
        bus.publish(new SecretRotated(secret.name(), arn, versionId, secret.type().code(), secret.consumers(), now));
        for (var consumer : secret.consumers()) {
            var service = config.service(consumer).orElseThrow();
            for (var env : config.environments()) {
                if (!service.environments().contains(env.name()) || !config.served().serves(env.name())) continue;
                bus.publish(new RedeployRequested(env.name(), consumer,
                        redeployRequestId(secret.name(), versionId, env.name(), consumer), "rotation:" + secret.name(),
                        "secret " + secret.name() + " rotated to version " + versionId, now));
            }
        }
    }

    /** Derived, so announcing a rotation again asks for the same redeployments and the deploy side runs each once. */
    static String redeployRequestId(String secretName, String versionId, String env, String service) {
        try {
            var sha = MessageDigest.getInstance("SHA-256").digest(("rotation\n" + secretName + "\n" + versionId + "\n"
                    + env + "\n" + service).getBytes(StandardCharsets.UTF_8));
            return "rr-" + HexFormat.of().formatHex(sha, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    private RotationStepException failed(SecretSpec secret, String arn, RotationStep step, RuntimeException failure,
                                         Redaction sensitive) {
        var reason = sensitive.apply(describe(failure));
        var thrown = new RotationStepException(step.code(), secret.name() + ": " + step.code() + " failed: " + reason,
                failure.getStackTrace());
        try {
            bus.publish(new RotationFailed(secret.name(), arn, step.code(), reason, clock.instant()));
        } catch (RuntimeException busDown) {
            thrown.addSuppressed(new IllegalStateException("Rotation Failed could not be published: "
                    + sensitive.apply(busDown.getMessage())));
        }
        return thrown;
    }

    /** The failure and its causes in one line: class names and messages, nothing else. */
    private static String describe(Throwable failure) {
        var text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) text.append("; caused by ");
            var message = t.getMessage();
            text.append(t instanceof RuntimeException && t == failure && message != null
                    ? message : t.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        }
        return text.toString();
    }
}
