package dev.shiplane.contract.outbound;

import dev.shiplane.contract.json.JsonParser;
import dev.shiplane.contract.json.JsonSyntaxException;
import dev.shiplane.contract.json.JsonValue;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonWriter;
import dev.shiplane.contract.json.RecordJson;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.events.DeploymentVerified;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.RollbackFailed;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.RolloutPaused;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.events.RotationFailed;
import dev.shiplane.core.events.RotationRequested;
import dev.shiplane.core.events.SecretRotated;
import java.util.Map;

/**
 * The JSON form of a domain event's {@code detail}: the record's components as camelCase members, ISO-8601 instants,
 * absent instead of null ({@link RecordJson}). Reading ignores members a record does not have, so a subscriber
 * keeps reading events a newer shiplane enriched.
 */
public final class DomainEventJson {

    // One entry per detail-type shiplane publishes; keep in step with DomainEvent's permits and docs/EVENTS.md.
    private static final Map<String, Class<? extends DomainEvent>> BY_DETAIL_TYPE = Map.ofEntries(
            Map.entry(ImagePushed.DETAIL_TYPE, ImagePushed.class),
            Map.entry("Deployment Started", DeploymentStarted.class),
            Map.entry("Deployment Skipped", DeploymentSkipped.class),
            Map.entry("Deployment Succeeded", DeploymentSucceeded.class),
            Map.entry("Deployment Failed", DeploymentFailed.class),
            Map.entry(RedeployRequested.DETAIL_TYPE, RedeployRequested.class),
            Map.entry(SecretRotated.DETAIL_TYPE, SecretRotated.class),
            Map.entry(RotationFailed.DETAIL_TYPE, RotationFailed.class),
            Map.entry(RotationRequested.DETAIL_TYPE, RotationRequested.class),
            Map.entry("Traffic Shifted", TrafficShifted.class),
            Map.entry(CanaryStepDue.DETAIL_TYPE, CanaryStepDue.class),
            Map.entry("Deployment Aborted", DeploymentAborted.class),
            Map.entry("Deployment Rolled Back", DeploymentRolledBack.class),
            Map.entry("Rollout Paused", RolloutPaused.class),
            Map.entry("Rollout Resumed", RolloutResumed.class),
            Map.entry(RolloutCommand.Kind.PROMOTE.detailType(), RolloutCommand.class),
            Map.entry(RolloutCommand.Kind.ABORT.detailType(), RolloutCommand.class),
            Map.entry(RolloutCommand.Kind.PAUSE.detailType(), RolloutCommand.class),
            Map.entry(RolloutCommand.Kind.RESUME.detailType(), RolloutCommand.class),
            Map.entry(PromotionDue.DETAIL_TYPE, PromotionDue.class),
            Map.entry(VerificationDue.DETAIL_TYPE, VerificationDue.class),
            Map.entry("Deployment Verified", DeploymentVerified.class),
            Map.entry(RollbackRequested.DETAIL_TYPE, RollbackRequested.class),
            Map.entry("Rollback Failed", RollbackFailed.class),
            Map.entry(GatePassed.DETAIL_TYPE, GatePassed.class),
            Map.entry(GateFailed.DETAIL_TYPE, GateFailed.class),
            Map.entry(DeploymentBlocked.DETAIL_TYPE, DeploymentBlocked.class),
            Map.entry(ScanTimeoutDue.DETAIL_TYPE, ScanTimeoutDue.class),
            Map.entry(HealthCheckDue.DETAIL_TYPE, HealthCheckDue.class),
            Map.entry(DeployRequested.DETAIL_TYPE, DeployRequested.class),

            Map.entry(FreezeStarted.DETAIL_TYPE, FreezeStarted.class),
            Map.entry(FreezeLifted.DETAIL_TYPE, FreezeLifted.class));

    private DomainEventJson() {}

    public static String detail(DomainEvent event) {
        return JsonWriter.write(detailObject(event));
    }

    /** The detail as a JSON object, for documents that embed it (the ledger's stored events). */
    public static JsonObject detailObject(DomainEvent event) {
        return RecordJson.write((Record) event);
    }

    /** Whether {@code detailType} is one of shiplane's own events. */
    public static boolean publishes(String detailType) {
        return BY_DETAIL_TYPE.containsKey(detailType);
    }

    /** Reads a detail back into its record (subscribers, the sandbox and round-trip tests use this). */
    public static DomainEvent read(String detailType, String detailJson) {
        JsonValue detail;
        try {
            detail = JsonParser.parse(detailJson);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException("detail is not a valid '" + detailType + "': " + e.getMessage(), e);
        }
        if (!(detail instanceof JsonObject object)) {
            throw new IllegalArgumentException("detail is not a valid '" + detailType + "': expected an object, found "
                    + detail.kind());
        }
        return read(detailType, object);
    }

    /** @throws IllegalArgumentException naming the member that does not fit the detail-type's record */
    public static DomainEvent read(String detailType, JsonObject detail) {
        var type = BY_DETAIL_TYPE.get(detailType);
        if (type == null) {
            throw new IllegalArgumentException("unknown shiplane detail-type '" + detailType + "'");
        }
        try {
            return (DomainEvent) RecordJson.read(detail, type.asSubclass(Record.class), "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detail is not a valid '" + detailType + "': " + e.getMessage(), e);
        }
    }
}
