package dev.shiplane.core.ledger;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * One push becoming one revision of one service in one environment: a ledger entry.
 *
 * @param deploymentId       derived from (push id, env, service), so a redelivered push finds its own entry
 * @param pushId             the push that caused it (idempotency key of the trigger)
 * @param fromTaskDefinition task definition the service ran before
 * @param toTaskDefinition   the revision registered for this image ({@code null} until registered)
 * @param ecsDeploymentId    ECS's id for the rollout ({@code ecs-svc/…}), matched against ECS deployment events
 * @param announced          the last status published on the bus; differs from {@code status} only after a crash
 *                           between the ledger write and the publish, which the next delivery repairs
 * @param reason             why it failed or was superseded ({@code null} otherwise)
 * @param alarmAt            for a deployment rolled back on an alarm, when the alarm changed state ({@code null}
 *                           otherwise): time to restore runs from it to {@code updatedAt}
 * @param approval           on ECS's engine, the approval hook it waits at now ({@code null} when it waits for none)
 */
public record Deployment(String deploymentId, String env, String service, String pushId, ImageRef image,
                         DeploymentStatus status, DeploymentStatus announced, String fromTaskDefinition,
                         String toTaskDefinition, String ecsDeploymentId, Instant pushedAt, Instant createdAt,
                         Instant updatedAt, String reason, Instant alarmAt, PendingApproval approval) {

    /** The push id of a deployment that carries new container settings with the image already running. */
    public static final String SETTINGS_PREFIX = "settings:";

    public Deployment(String deploymentId, String env, String service, String pushId, ImageRef image,
                      DeploymentStatus status, DeploymentStatus announced, String fromTaskDefinition,
                      String toTaskDefinition, String ecsDeploymentId, Instant pushedAt, Instant createdAt,
                      Instant updatedAt, String reason, Instant alarmAt) {
        this(deploymentId, env, service, pushId, image, status, announced, fromTaskDefinition, toTaskDefinition,
                ecsDeploymentId, pushedAt, createdAt, updatedAt, reason, alarmAt, null);
    }

    public Deployment(String deploymentId, String env, String service, String pushId, ImageRef image,
                      DeploymentStatus status, DeploymentStatus announced, String fromTaskDefinition,
                      String toTaskDefinition, String ecsDeploymentId, Instant pushedAt, Instant createdAt,
                      Instant updatedAt, String reason) {
        this(deploymentId, env, service, pushId, image, status, announced, fromTaskDefinition, toTaskDefinition,
                ecsDeploymentId, pushedAt, createdAt, updatedAt, reason, null);
    }

    public Deployment withStatus(DeploymentStatus next, String why, Instant now) {
        return new Deployment(deploymentId, env, service, pushId, image, next, announced, fromTaskDefinition,
                toTaskDefinition, ecsDeploymentId, pushedAt, createdAt, now, why, alarmAt,
                next.terminal() ? null : approval);
    }

    public Deployment registered(String from, String to, Instant now) {
        return new Deployment(deploymentId, env, service, pushId, image, status, announced, from, to,
                ecsDeploymentId, pushedAt, createdAt, now, reason, alarmAt, approval);
    }

    public Deployment rolling(String ecsId, Instant now) {
        return new Deployment(deploymentId, env, service, pushId, image, DeploymentStatus.STARTED, announced,
                fromTaskDefinition, toTaskDefinition, ecsId, pushedAt, createdAt, now, reason, alarmAt, approval);
    }

    public Deployment announcedNow() {
        return new Deployment(deploymentId, env, service, pushId, image, status, status, fromTaskDefinition,
                toTaskDefinition, ecsDeploymentId, pushedAt, createdAt, updatedAt, reason, alarmAt, approval);
    }

    /** The same deployment with the time of the alarm that rolled it back (kept when {@code at} is null). */
    public Deployment withAlarmAt(Instant at) {
        if (at == null) return this;
        return new Deployment(deploymentId, env, service, pushId, image, status, announced, fromTaskDefinition,
                toTaskDefinition, ecsDeploymentId, pushedAt, createdAt, updatedAt, reason, at, approval);
    }

    /** The same deployment, now waiting at {@code pending} ({@code null}: waiting for no approval any more). */
    public Deployment withApproval(PendingApproval pending, Instant now) {
        return new Deployment(deploymentId, env, service, pushId, image, status, announced, fromTaskDefinition,
                toTaskDefinition, ecsDeploymentId, pushedAt, createdAt, now, reason, alarmAt, pending);
    }

    /** Whether it restarted the revision already running (a redeploy after a rotation): no new image, no new settings. */
    public boolean restart() {
        return fromTaskDefinition != null && fromTaskDefinition.equals(toTaskDefinition);
    }

    /** Whether it carried new container settings only (a stack update), not a new image. */
    public boolean settingsChange() {
        return pushId != null && pushId.startsWith(SETTINGS_PREFIX);
    }

    /**
     * Whether it brought an image the service was not running: not a restart, not a settings change. Only such an
     * image is quarantined when the deployment is rolled back — the image of a restart or a settings change is the one
     * the service goes back to.
     */
    public boolean bringsNewImage() {
        return !restart() && !settingsChange();
    }

    public boolean needsAnnouncement() {
        return status != DeploymentStatus.PENDING && announced != status;
    }
}
