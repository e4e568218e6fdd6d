package dev.shiplane.core.rotation;

import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PENDING;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides what a rotation step must do from a snapshot of the secret's versions. Pure.
 *
 * <p>The invariant every answer keeps: AWSCURRENT moves only to a version this token created and that a test
 * already passed, and only from the version that carried it when the snapshot was read (Secrets Manager enforces
 * the {@code RemoveFromVersionId} part). A stale AWSPENDING left by a crashed run is taken over only once it is
 * older than {@code staleAfter}, which must exceed the function's timeout, so a live run is never overtaken.
 */
public final class RotationPlanner {

    private RotationPlanner() {}

    /**
     * @param token            the rotation's ClientRequestToken (the pending version's id)
     * @param tokenValueStored whether the token's version holds a value: Secrets Manager's own RotateSecret creates
     *                         the AWSPENDING version before createSecret runs, without a value
     */
    public static StepPlan plan(RotationStep step, String token, SecretVersions secret, boolean tokenValueStored,
                                Instant now, Duration staleAfter) {
        var current = secret.withStage(CURRENT);
        if (current.isEmpty()) {
            return new StepPlan.Refuse("secret " + secret.name() + " has no AWSCURRENT version: store its first value"
                    + " before rotating it");
        }
        var mine = secret.version(token);
        if (mine.isPresent() && mine.get().has(CURRENT)) {
            return new StepPlan.Finished(mine.get().has(PENDING));
        }
        if (mine.isPresent() && !mine.get().has(PENDING)) {
            return new StepPlan.Superseded("version " + token + " is no longer pending: a later rotation replaced it");
        }
        boolean pendingWithValue = mine.isPresent() && tokenValueStored;
        return switch (step) {
            case CREATE_SECRET -> {
                if (pendingWithValue) yield new StepPlan.AlreadyDone("version " + token + " is already stored as pending");
                if (mine.isPresent()) yield new StepPlan.Create(null);
                var other = secret.withStage(PENDING);
                if (other.isEmpty()) yield new StepPlan.Create(null);
                var stale = other.get();
                // AWSPENDING left on the current version is a label a finished rotation did not clear.
                if (!stale.has(CURRENT) && stale.createdAt().plus(staleAfter).isAfter(now)) {
                    yield new StepPlan.Busy("rotation " + stale.versionId() + " of " + secret.name()
                            + " is in progress (pending since " + stale.createdAt() + ")");
                }
                yield new StepPlan.Create(stale.versionId());
            }
            case SET_SECRET, TEST_SECRET -> pendingWithValue
                    ? new StepPlan.Proceed(current.get().versionId())
                    : notCreated(step, token);
            case FINISH_SECRET -> pendingWithValue
                    ? new StepPlan.Promote(current.get().versionId())
                    : notCreated(step, token);
        };
    }

    private static StepPlan notCreated(RotationStep step, String token) {
        return new StepPlan.Refuse(step.code() + " for version " + token + ": it holds no pending value (createSecret"
                + " has not run for this token)");
    }
}
