package dev.shiplane.core.gate;

/** The outcome of one check attempt, decided by {@link CheckPolicy}. */
public sealed interface CheckVerdict {

    /** Healthy: the rollout moves on ({@code Gate Passed} with the evidence). */
    record Pass(String evidence) implements CheckVerdict {}

    /** This attempt failed and attempts remain: schedule attempt {@code nextAttempt} one {@code retryEvery} later. */
    record Retry(String evidence, int nextAttempt) implements CheckVerdict {}

    /**
     * The last attempt failed: {@code Gate Failed}; before traffic the rollout aborts with weights still 100/0,
     * after promotion the rollback path runs.
     */
    record Fail(String evidence) implements CheckVerdict {}
}
