package dev.shiplane.contract.inbound;

import dev.shiplane.contract.MalformedEventException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.ecsengine.HookStateChange;
import dev.shiplane.core.events.CanaryStepDue;
import dev.shiplane.core.events.PromotionCleared;
import dev.shiplane.core.events.PromotionDue;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.ScanTimeoutDue;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.HealthCheckDue;
import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.VerificationDue;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses the raw bytes Lambda hands a stream handler into an {@link InboundEvent}. Field names are the ones AWS
 * documents (ECR's {@code repository-name}, ECS's {@code deploymentId}); unknown fields are ignored because AWS adds
 * fields over time.
 */
public final class EventParser {

    private EventParser() {}

    public static InboundEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = ShiplaneJson.tree(body);
        } catch (MalformedJsonException e) {
            throw new MalformedEventException("event is not valid JSON (" + e.getMessage() + ")");
        }
        if (!root.isObject()) {
            throw new MalformedEventException("event is not a JSON object");
        }
        var envelope = new Fields(root, "");
        var id = envelope.text("id");
        var source = envelope.text("source");
        var detailType = envelope.text("detail-type");
        return switch (source + "|" + detailType) {
            case "aws.ecr|ECR Image Action" -> ecrImageAction(id, envelope);
            case "shiplane|Image Pushed" -> new InboundEvent.ImagePushedEvent(id, imagePushed(envelope.object("detail")));
            case "aws.ecs|ECS Deployment State Change" -> ecsDeployment(id, envelope);
            case "aws.ecs|ECS Hook State Change" -> ecsHookState(id, envelope);
            case "aws.cloudformation|CloudFormation Stack Status Change" -> new InboundEvent.StackStatusChange(id,
                    envelope.object("detail").text("stack-id"),
                    envelope.object("detail").object("status-details").text("status"));
            case "shiplane|Promotion Due" -> new InboundEvent.Promotion(id, shiplane(envelope, detailType, PromotionDue.class));
            case "shiplane|Promotion Cleared" -> new InboundEvent.PromotionClearance(id, envelope.text("account"),
                    shiplane(envelope, detailType, PromotionCleared.class));
            case "shiplane|Canary Step Due" -> new InboundEvent.CanaryStep(id, shiplane(envelope, detailType, CanaryStepDue.class));
            case "shiplane|Promote Requested", "shiplane|Abort Requested", "shiplane|Pause Requested",
                 "shiplane|Resume Requested" -> new InboundEvent.RolloutRequest(id,
                    rolloutCommand(envelope, detailType));
            case "shiplane|Redeploy Requested" -> new InboundEvent.Redeploy(id,
                    shiplane(envelope, detailType, RedeployRequested.class));
            case "shiplane|Deploy Requested" -> new InboundEvent.ManualDeploy(id,
                    shiplane(envelope, detailType, DeployRequested.class));
            case "shiplane|Verification Due" -> new InboundEvent.Verification(id,
                    shiplane(envelope, detailType, VerificationDue.class));
            case "shiplane|Deployment Succeeded" -> new InboundEvent.Succeeded(id,
                    shiplane(envelope, detailType, DeploymentSucceeded.class));
            case "shiplane|Rollback Requested" -> new InboundEvent.RollbackRequest(id, rollbackRequest(envelope));
            case "aws.cloudwatch|CloudWatch Alarm State Change" -> alarm(id, envelope);
            case "aws.ecr|ECR Image Scan", "aws.inspector2|Inspector2 Scan" -> imageScan(id, envelope);
            case "shiplane|Scan Timeout Due" -> new InboundEvent.ScanTimeout(id,
                    shiplane(envelope, detailType, ScanTimeoutDue.class));
            case "shiplane|Health Check Due" -> new InboundEvent.HealthCheck(id,
                    shiplane(envelope, detailType, HealthCheckDue.class));
            case "shiplane|Gate Passed" -> gateResult(id, shiplane(envelope, detailType, GatePassed.class));
            case "shiplane|Gate Failed" -> gateResult(id, shiplane(envelope, detailType, GateFailed.class));
            default -> new InboundEvent.Unsupported(id, source, detailType);
        };
    }

    private static InboundEvent gateResult(String id, dev.shiplane.core.events.DomainEvent event) {
        var result = switch (event) {
            case GatePassed p -> new InboundEvent.GateResult(id, true, p.gate(), p.check(), p.env(), p.service(),
                    p.deploymentId(), p.evidence());
            case GateFailed f -> new InboundEvent.GateResult(id, false, f.gate(), f.check(), f.env(), f.service(),
                    f.deploymentId(), f.evidence());
            default -> throw new IllegalStateException("not a gate event: " + event.detailType());
        };
        for (var field : new String[] {result.gate(), result.env(), result.service(), result.deploymentId()}) {
            if (field == null || field.isBlank()) {
                throw new MalformedEventException("detail: gate, env, service and deploymentId are required");
            }
        }
        return result;
    }

    private static InboundEvent ecrImageAction(String id, Fields envelope) {
        var detail = envelope.object("detail");
        var action = detail.text("action-type");
        var result = detail.text("result");
        if (!"PUSH".equals(action) || !"SUCCESS".equals(result)) {
            return new InboundEvent.EcrImageAction(id, action, result, null);
        }
        var host = envelope.text("account") + ".dkr.ecr." + envelope.text("region") + ".amazonaws.com";
        var push = build(() -> new ImagePush(id, Registry.ECR, host, detail.text("repository-name"),
                detail.optionalText("image-tag"), detail.text("image-digest"), envelope.instant("time")));
        return new InboundEvent.EcrImageAction(id, action, result, push);
    }

    private static ImagePush imagePushed(Fields d) {
        Registry registry;
        try {
            registry = Registry.fromCode(d.text("registry"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("detail.registry: " + e.getMessage());
        }
        var commit = d.node().hasNonNull("commit") ? commit(d.object("commit")) : null;
        return build(() -> new ImagePush(d.text("pushId"), registry, d.text("registryHost"), d.text("repository"),
                d.optionalText("tag"), d.text("digest"), d.instant("pushedAt"), commit));
    }

    /** {@code Image Pushed}'s {@code commit}: shiplane wrote it, so a malformed one is refused, not dropped. */
    private static ImageCommit commit(Fields c) {
        return build(() -> new ImageCommit(c.text("sha"), c.optionalInstant("committedAt", null)));
    }

    private static InboundEvent ecsDeployment(String id, Fields envelope) {
        var detail = envelope.object("detail");
        var serviceArn = envelope.firstResource();
        // arn:aws:ecs:<region>:<account>:service/<cluster>/<service>
        var resource = serviceArn.substring(serviceArn.indexOf(":service/") + 1);
        var parts = resource.split("/");
        if (!serviceArn.startsWith("arn:") || parts.length != 3 || !parts[0].equals("service")) {
            throw new MalformedEventException("resources[0]: '" + serviceArn
                    + "' is not an ECS service ARN of the form arn:aws:ecs:region:account:service/cluster/service");
        }
        return new InboundEvent.EcsDeployment(id, new EcsDeploymentEvent(id, parts[1], parts[2],
                detail.text("deploymentId"), detail.text("eventName"), detail.optionalText("reason"),
                detail.optionalInstant("updatedAt", envelope.instant("time"))));
    }

    private static InboundEvent ecsHookState(String id, Fields envelope) {
        var detail = envelope.object("detail");
        var cluster = lastSegment(detail.text("clusterArn"), ":cluster/", "detail.clusterArn");
        var service = lastSegment(detail.text("serviceArn"), ":service/", "detail.serviceArn");
        return new InboundEvent.EcsHookState(id, new HookStateChange(id, detail.text("eventName"),
                detail.text("hookId"), detail.text("hookType"), detail.optionalText("lifecycleStage"), cluster, service,
                detail.text("serviceDeploymentArn"), detail.optionalInstant("expiresAt", null),
                detail.optionalInstant("updatedAt", envelope.instant("time"))));
    }

    /** {@code arn:aws:ecs:…:service/my-cluster/my-service} → {@code my-service}. */
    private static String lastSegment(String arn, String kind, String field) {
        if (!arn.startsWith("arn:") || !arn.contains(kind)) {
            throw new MalformedEventException(field + ": '" + arn + "' is not an ARN of the form arn:aws:ecs:region:"
                    + "account" + kind + "…");
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** A shiplane event read into its record; the detail must be an object with the documented fields. */
    private static <T> T shiplane(Fields envelope, String detailType, Class<T> type) {
        var detail = envelope.object("detail");
        rejectOverlongText(detail.node(), "detail");
        try {
            return type.cast(DomainEventJson.read(detailType, detail.node()));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new MalformedEventException("detail: " + e.getMessage());
        }
    }

    /**
     * The limit {@link Fields#text} applies to AWS's events, over every string of a shiplane event's detail: an
     * overlong value would otherwise travel into ledger items and into the events published about it, which
     * EventBridge refuses beyond 256 KB (found by the reliability suite's fuzzing).
     */
    private static void rejectOverlongText(JsonNode node, String path) {
        if (node.isTextual() && node.asText().length() > 2048) {
            throw new MalformedEventException(path + ": longer than 2048 characters");
        }
        if (node.isObject()) {
            node.properties().forEach(member -> rejectOverlongText(member.getValue(), path + "." + member.getKey()));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) rejectOverlongText(node.get(i), path + "." + i);
        }
    }

    private static RolloutCommand rolloutCommand(Fields envelope, String detailType) {
        var command = shiplane(envelope, detailType, RolloutCommand.class);
        var expected = java.util.Arrays.stream(RolloutCommand.Kind.values())
                .filter(k -> k.detailType().equals(detailType)).findFirst().orElseThrow();
        if (!expected.code().equals(command.command())) {
            throw new MalformedEventException("detail.command: '" + command.command() + "' does not match detail-type '"
                    + detailType + "' (expected '" + expected.code() + "')");
        }
        if (command.env() == null || command.service() == null || command.requestedBy() == null) {
            throw new MalformedEventException("detail: env, service and requestedBy are required");
        }
        return command;
    }

    private static InboundEvent alarm(String id, Fields envelope) {
        var detail = envelope.object("detail");
        var state = detail.object("state");
        var previousValue = detail.node().path("previousState").path("value");
        var previous = previousValue.isTextual() ? previousValue.asText() : null;
        return new InboundEvent.AlarmStateChange(id, detail.text("alarmName"), state.text("value"),
                state.optionalText("reason"), previous,
                alarmTimestamp(state.optionalText("timestamp"), envelope));
    }

    /** CloudWatch writes {@code 2026-11-26T10:31:00.000+0000} (no colon in the offset), which ISO-8601 parsing refuses. */
    private static final java.time.format.DateTimeFormatter ALARM_TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS]XX");

    private static Instant alarmTimestamp(String text, Fields envelope) {
        if (text == null) return envelope.node().hasNonNull("time") ? envelope.instant("time") : null;
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException notIso) {
            try {
                return java.time.OffsetDateTime.parse(text, ALARM_TIMESTAMP).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new MalformedEventException("detail.state.timestamp: '" + text + "' is not a timestamp");
            }
        }
    }

    /**
     * ECR reports {@code scan-status} {@code COMPLETE} or {@code FAILED}; Inspector {@code INITIAL_SCAN_COMPLETE}
     * and names the repository by its ARN. Severity keys shiplane does not rank ({@code TOTAL}, {@code UNTRIAGED})
     * are ignored; a missing counts object stays missing (the gate fails closed on it).
     */
    private static InboundEvent imageScan(String id, Fields envelope) {
        var detail = envelope.object("detail");
        var status = detail.text("scan-status");
        var repository = detail.text("repository-name");
        if (repository.startsWith("arn:")) {
            repository = repository.substring(repository.indexOf(":repository/") + ":repository/".length());
        }
        ScanResult result;
        if (status.equals("COMPLETE") || status.equals("INITIAL_SCAN_COMPLETE")) {
            var counts = detail.node().path("finding-severity-counts");
            if (counts.isMissingNode() || counts.isNull()) {
                result = new ScanResult.Complete(null);
            } else if (!counts.isObject()) {
                throw new MalformedEventException("detail.finding-severity-counts: expected an object");
            } else {
                Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
                for (var severity : Severity.values()) {
                    var count = counts.get(severity.name());
                    if (count == null) continue;
                    var n = countOf(count);
                    if (n < 0) {
                        throw new MalformedEventException("detail.finding-severity-counts." + severity
                                + ": expected a count, found " + abbreviated(ShiplaneJson.write(count)));
                    }
                    bySeverity.put(severity, n);
                }
                result = new ScanResult.Complete(bySeverity);
            }
        } else {
            result = new ScanResult.Failed(status, detail.optionalText("scan-status-reason"));
        }
        var digest = detail.text("image-digest");
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new MalformedEventException("detail.image-digest: '" + digest + "' is not sha256:<64 hex>");
        }
        List<String> tags = new java.util.ArrayList<>();
        var imageTags = detail.node().path("image-tags");
        if (imageTags.isArray()) {
            imageTags.forEach(tag -> { if (tag.isTextual()) tags.add(tag.asText()); });
        }
        return new InboundEvent.ImageScan(id, new ImageScanned(repository, digest, tags, result,
                envelope.instant("time")));
    }

    private static RollbackRequested rollbackRequest(Fields envelope) {
        var request = shiplane(envelope, "Rollback Requested", RollbackRequested.class);
        if (request.env() == null || request.requestedBy() == null || request.requestId() == null) {
            throw new MalformedEventException("detail: env, requestId and requestedBy are required");
        }
        if (request.all() == (request.service() != null)) {
            throw new MalformedEventException("detail: name one service, or set all: true for the whole environment");
        }
        return request;
    }

    /** A whole, non-negative count that fits an int; -1 otherwise (also for anything but a number). */
    private static int countOf(JsonNode count) {
        if (!count.isNumber()) return -1;
        try {
            return Math.max(-1, count.decimalValue().intValueExact());
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("detail: " + e.getMessage());
        }
    }

    /** Typed access to one JSON object with errors that name the field's path. */
    private record Fields(JsonNode node, String path) {

        String text(String name) {
            var value = node.path(name);
            if (value.isMissingNode() || value.isNull()) {
                throw new MalformedEventException(path + name + ": missing");
            }
            if (!value.isTextual()) {
                throw new MalformedEventException(path + name + ": expected a string, found " + kind(value));
            }
            if (value.asText().length() > 2048) {
                throw new MalformedEventException(path + name + ": longer than 2048 characters");
            }
            return value.asText();
        }

        String optionalText(String name) {
            return node.hasNonNull(name) ? text(name) : null;
        }

        Fields object(String name) {
            var value = node.path(name);
            if (!value.isObject()) {
                throw new MalformedEventException(path + name + ": "
                        + (value.isMissingNode() ? "missing" : "expected an object"));
            }
            return new Fields(value, path + name + ".");
        }

        Instant instant(String name) {
            var text = text(name);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new MalformedEventException(path + name + ": '" + text + "' is not an ISO-8601 instant");
            }
        }

        Instant optionalInstant(String name, Instant fallback) {
            return node.hasNonNull(name) ? instant(name) : fallback;
        }

        String firstResource() {
            var first = node.path("resources").path(0);
            if (!first.isTextual()) {
                throw new MalformedEventException(path + "resources: expected a list with the service ARN first");
            }
            return first.asText();
        }

        private static String kind(JsonNode value) {
            return switch (value.getNodeType()) {
                case OBJECT, POJO -> "object";
                case ARRAY -> "array";
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
