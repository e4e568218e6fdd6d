package dev.shiplane.contract.inbound;

import dev.shiplane.contract.json.JsonParser;
import dev.shiplane.contract.json.JsonSyntaxException;
import dev.shiplane.contract.json.JsonValue;
import dev.shiplane.contract.json.JsonValue.JsonArray;
import dev.shiplane.contract.json.JsonValue.JsonNull;
import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import dev.shiplane.contract.json.JsonWriter;
import dev.shiplane.contract.outbound.DomainEventJson;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.events.CanaryStepDue;
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
import dev.shiplane.core.events.VerificationDue;
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
        JsonValue root;
        try {
            root = JsonParser.parse(body);
        } catch (JsonSyntaxException e) {
            throw new MalformedEventException("event is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(root instanceof JsonObject object)) {
            throw new MalformedEventException("event is not a JSON object");
        }
        var envelope = new Fields(object, "");
        var id = envelope.text("id");
        var source = envelope.text("source");
        var detailType = envelope.text("detail-type");
        return switch (source + "|" + detailType) {
            case "aws.ecr|ECR Image Action" -> ecrImageAction(id, envelope);
            case "shiplane|Image Pushed" -> new InboundEvent.ImagePushedEvent(id, imagePushed(envelope.object("detail")));
            case "aws.ecs|ECS Deployment State Change" -> ecsDeployment(id, envelope);
            case "shiplane|Promotion Due" -> new InboundEvent.Promotion(id, shiplane(envelope, detailType, PromotionDue.class));
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
        return build(() -> new ImagePush(d.text("pushId"), registry, d.text("registryHost"), d.text("repository"),
                d.optionalText("tag"), d.text("digest"), d.instant("pushedAt")));
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
    private static void rejectOverlongText(JsonValue node, String path) {
        switch (node) {
            case JsonString s when s.value().length() > 2048 ->
                    throw new MalformedEventException(path + ": longer than 2048 characters");
            case JsonObject o -> o.members().forEach((name, value) -> rejectOverlongText(value, path + "." + name));
            case JsonArray a -> {
                for (int i = 0; i < a.elements().size(); i++) rejectOverlongText(a.elements().get(i), path + "." + i);
            }
            default -> { }
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
        var previous = detail.node().get("previousState") instanceof JsonObject p
                && p.get("value") instanceof JsonString value ? value.value() : null;
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
            var counts = detail.node().get("finding-severity-counts");
            if (counts == null || counts instanceof JsonNull) {
                result = new ScanResult.Complete(null);
            } else if (!(counts instanceof JsonObject countsObject)) {
                throw new MalformedEventException("detail.finding-severity-counts: expected an object");
            } else {
                Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
                for (var severity : Severity.values()) {
                    var count = countsObject.get(severity.name());
                    if (count == null) continue;
                    var n = count instanceof JsonNumber number ? countOf(number) : -1;
                    if (n < 0) {
                        throw new MalformedEventException("detail.finding-severity-counts." + severity
                                + ": expected a count, found " + abbreviated(JsonWriter.write(count)));
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
        if (detail.node().get("image-tags") instanceof JsonArray imageTags) {
            imageTags.elements().forEach(t -> { if (t instanceof JsonString tag) tags.add(tag.value()); });
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

    /** A whole, non-negative count that fits an int; -1 otherwise. */
    private static int countOf(JsonNumber number) {
        try {
            return Math.max(-1, number.intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
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
    private record Fields(JsonObject node, String path) {

        String text(String name) {
            var value = node.get(name);
            if (value == null || value instanceof JsonNull) {
                throw new MalformedEventException(path + name + ": missing");
            }
            if (!(value instanceof JsonString string)) {
                throw new MalformedEventException(path + name + ": expected a string, found " + value.kind());
            }
            if (string.value().length() > 2048) {
                throw new MalformedEventException(path + name + ": longer than 2048 characters");
            }
            return string.value();
        }

        String optionalText(String name) {
            return node.hasNonNull(name) ? text(name) : null;
        }

        Fields object(String name) {
            var value = node.get(name);
            if (!(value instanceof JsonObject object)) {
                throw new MalformedEventException(path + name + ": " + (value == null ? "missing" : "expected an object"));
            }
            return new Fields(object, path + name + ".");
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
            if (!(node.get("resources") instanceof JsonArray resources) || resources.elements().isEmpty()
                    || !(resources.elements().getFirst() instanceof JsonString first)) {
                throw new MalformedEventException(path + "resources: expected a list with the service ARN first");
            }
            return first.value();
        }
    }
}
