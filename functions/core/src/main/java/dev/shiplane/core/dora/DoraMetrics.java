package dev.shiplane.core.dora;

import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * DORA figures computed from a service's ledger entries. Pure: the period is an input. A deployment counts in the
 * period it ended in ({@code updatedAt}). Restarts (a redeploy of the running revision) change no code and are left
 * out, as are deployments superseded or aborted before they ended and those still under way.
 */
public final class DoraMetrics {

    private DoraMetrics() {}

    public static DoraFigures compute(List<Deployment> history, Instant from, Instant to) {
        var ended = history.stream()
                .filter(d -> !d.updatedAt().isBefore(from) && d.updatedAt().isBefore(to))
                .filter(d -> d.fromTaskDefinition() == null || !d.fromTaskDefinition().equals(d.toTaskDefinition()))
                .filter(d -> d.status() == DeploymentStatus.SUCCEEDED || d.status() == DeploymentStatus.FAILED
                        || d.status() == DeploymentStatus.ROLLED_BACK)
                .toList();
        var failed = ended.stream().filter(d -> d.status() != DeploymentStatus.SUCCEEDED).toList();
        var days = Math.max(1, Duration.between(from, to).toHours()) / 24.0;
        var succeeded = ended.stream().filter(d -> d.status() == DeploymentStatus.SUCCEEDED).toList();
        var leadTimes = succeeded.stream().map(d -> leadTime(d.image() == null ? null : d.image().commit(),
                d.pushedAt(), d.updatedAt())).filter(java.util.Objects::nonNull).toList();
        var pushToLive = succeeded.stream().map(d -> pushToLive(d.pushedAt(), d.updatedAt()))
                .filter(java.util.Objects::nonNull).toList();
        var restores = failed.stream().filter(d -> d.status() == DeploymentStatus.ROLLED_BACK)
                .map(d -> timeToRestore(d.alarmAt(), d.updatedAt())).toList();
        return new DoraFigures(ended.size(), ended.size() / days,
                median(leadTimes.stream().map(LeadTime::duration).toList()),
                ended.isEmpty() ? null : (double) failed.size() / ended.size(), median(restores),
                median(pushToLive), (int) leadTimes.stream().filter(l -> l.from() == LeadTime.From.COMMIT).count(),
                leadTimes.size());
    }

    /**
     * DORA's lead time for changes of one deployment: from the commit when its image said when that was, from the
     * push otherwise; {@code null} when neither can be read. A commit stamped after the push that carried it, or
     * after the deployment ended, is a committer's clock ahead (or a rewritten commit date): the push is the next
     * best start. A push stamped after its own deployment ended is a registry clock ahead of ours (or a replayed
     * story): no lead time can be read from it.
     */
    public static LeadTime leadTime(ImageCommit commit, Instant pushedAt, Instant succeededAt) {
        var committedAt = commit == null ? null : commit.committedAt();
        if (committedAt != null && !committedAt.isAfter(succeededAt)
                && (pushedAt == null || !committedAt.isAfter(pushedAt))) {
            return new LeadTime(Duration.between(committedAt, succeededAt), LeadTime.From.COMMIT);
        }
        var fromPush = pushToLive(pushedAt, succeededAt);
        return fromPush == null ? null : new LeadTime(fromPush, LeadTime.From.PUSH);
    }

    /**
     * Image push → deployment succeeded; {@code null} without a push time, or for a push stamped after its own
     * deployment ended (a registry clock ahead of ours, or a replayed story): no time can be read from it.
     */
    public static Duration pushToLive(Instant pushedAt, Instant succeededAt) {
        if (pushedAt == null || pushedAt.isAfter(succeededAt)) return null;
        return Duration.between(pushedAt, succeededAt);
    }

    /**
     * Alarm → rolled back. Without an alarm time (ECS failures and requests, which shiplane acts on the moment they
     * arrive) the clock starts at the rollback request, so the restore counts as immediate; an alarm time after the
     * rollback (clocks apart) counts the same way.
     */
    public static Duration timeToRestore(Instant alarmAt, Instant restoredAt) {
        if (alarmAt == null || alarmAt.isAfter(restoredAt)) return Duration.ZERO;
        return Duration.between(alarmAt, restoredAt);
    }

    /** The middle value; for an even count, the mean of the two middle values. */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) return null;
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
