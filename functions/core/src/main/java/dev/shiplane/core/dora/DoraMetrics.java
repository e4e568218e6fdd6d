package dev.shiplane.core.dora;

import dev.shiplane.core.deploy.Deployment;
import dev.shiplane.core.deploy.DeploymentStatus;
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
        // A push stamped after its own deployment ended is a registry clock ahead of ours (or a replayed story):
        // no lead time can be read from it.
        var leadTimes = ended.stream().filter(d -> d.status() == DeploymentStatus.SUCCEEDED && d.pushedAt() != null
                        && !d.pushedAt().isAfter(d.updatedAt()))
                .map(d -> Duration.between(d.pushedAt(), d.updatedAt())).toList();
        var restores = failed.stream().filter(d -> d.status() == DeploymentStatus.ROLLED_BACK)
                .map(d -> Duration.between(d.createdAt(), d.updatedAt())).toList();
        return new DoraFigures(ended.size(), ended.size() / days, median(leadTimes),
                ended.isEmpty() ? null : (double) failed.size() / ended.size(), median(restores));
    }

    /** The middle value; for an even count, the mean of the two middle values. */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) return null;
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
