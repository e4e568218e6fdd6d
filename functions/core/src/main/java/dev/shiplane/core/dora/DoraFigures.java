package dev.shiplane.core.dora;

import java.time.Duration;

/**
 * The four DORA figures of one service in one environment over a period, from its ledger.
 *
 * @param deployments       deployments that reached ECS and ended (succeeded, failed or rolled back)
 * @param perDay            deployment frequency: {@code deployments} / days of the period
 * @param leadTime          median lead time for changes of the successes: each from its commit when the image said
 *                          when that was made, from its push otherwise ({@link DoraMetrics#leadTime});
 *                          {@code null} without a success
 * @param changeFailureRate failed or rolled back / {@code deployments}, 0..1; {@code null} without deployments
 * @param timeToRestore     median of alarm → rolled back: from the moment the gate alarm went into ALARM (recorded
 *                          with the rollback) to the rollback; a rollback without an alarm time (an ECS failure, an
 *                          operator's request, or one recorded before alarm times were) counts from the rollback
 *                          request, which shiplane acts on at once; {@code null} without a rollback
 * @param pushToLive        median of image push → deployment succeeded, whatever the image says of its commit;
 *                          {@code null} without a success
 * @param leadTimesFromCommit how many of the lead times behind {@code leadTime} run from the commit
 * @param leadTimes         how many lead times {@code leadTime} is the median of
 */
public record DoraFigures(int deployments, double perDay, Duration leadTime, Double changeFailureRate,
                          Duration timeToRestore, Duration pushToLive, int leadTimesFromCommit, int leadTimes) {

    /** Where the median lead time was measured from: {@code commit}, {@code push}, or {@code commit 2/3}. */
    public String leadTimeFrom() {
        if (leadTimes == 0) return null;
        if (leadTimesFromCommit == leadTimes) return LeadTime.From.COMMIT.code();
        if (leadTimesFromCommit == 0) return LeadTime.From.PUSH.code();
        return LeadTime.From.COMMIT.code() + " " + leadTimesFromCommit + "/" + leadTimes;
    }
}
