package dev.shiplane.core.rotation;

/** What one rotation step must do, decided by {@link RotationPlanner} from a {@link SecretVersions} snapshot. */
public sealed interface StepPlan {

    /**
     * createSecret: generate a value and store it as the token's version, labelled AWSPENDING.
     *
     * @param staleVersionId a different version still labelled AWSPENDING by a run that died, whose label is
     *                       removed first; {@code null} when there is none
     */
    record Create(String staleVersionId) implements StepPlan {}

    /** setSecret / testSecret: carry the step out with the token's pending value and the current one. */
    record Proceed(String currentVersionId) implements StepPlan {}

    /** finishSecret: move AWSCURRENT from {@code currentVersionId} to the token's version, then drop AWSPENDING. */
    record Promote(String currentVersionId) implements StepPlan {}

    /** Nothing to do for this step: an earlier run of the same rotation already did it. */
    record AlreadyDone(String why) implements StepPlan {}

    /**
     * The token's version is already AWSCURRENT: this rotation finished. Announcing it again is safe (ids are
     * derived) and necessary, since a crash may have come between finishing and announcing.
     *
     * @param clearPending the version still also carries AWSPENDING, which finishing removes
     */
    record Finished(boolean clearPending) implements StepPlan {}

    /** Another rotation of the same secret is under way and recent: this one must not interleave with it. */
    record Busy(String why) implements StepPlan {}

    /** The token's version was replaced by a later rotation; this one is over and changes nothing. */
    record Superseded(String why) implements StepPlan {}

    /** The step cannot run in this state (e.g. setSecret before createSecret); nothing was changed. */
    record Refuse(String why) implements StepPlan {}
}
