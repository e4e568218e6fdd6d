package dev.shiplane.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.access.CallerIdentity;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.operator.OperatorRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * A Function URL request (payload format 2.0) to the operator entry, taken apart: who sent it, from
 * {@code requestContext.authorizer.iam} (present only behind an {@code AWS_IAM} URL, where Lambda verified the SigV4
 * signature: {@code userArn} and {@code accountId} are AWS's, never the sender's words); shiplane's own account, the
 * function owner's {@code requestContext.accountId}; and what is asked, the JSON body.
 *
 * @param caller      the verified caller; empty when the request carries no IAM identity (a URL not set to AWS_IAM)
 * @param homeAccount the function owner's account
 */
record OperatorHttpRequest(Optional<CallerIdentity> caller, String homeAccount, JsonNode body) {

    static OperatorHttpRequest parse(byte[] invocation) {
        JsonNode root;
        try {
            root = ShiplaneJson.tree(invocation);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("invocation is not JSON (" + e.getMessage() + ")");
        }
        var context = root.path("requestContext");
        if (!context.isObject()) {
            throw new IllegalArgumentException("invocation is not a Function URL request (no requestContext)");
        }
        var iam = context.path("authorizer").path("iam");
        Optional<CallerIdentity> caller = Optional.empty();
        if (iam.path("userArn").isTextual() && iam.path("accountId").isTextual()) {
            caller = Optional.of(new CallerIdentity(iam.path("userArn").asText(), iam.path("accountId").asText()));
        }
        var text = root.path("body").isTextual() ? root.path("body").asText() : "";
        if (root.path("isBase64Encoded").asBoolean(false)) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        JsonNode body;
        try {
            body = text.isBlank() ? ShiplaneJson.mapper().createObjectNode() : ShiplaneJson.tree(
                    text.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("the body is not JSON (" + e.getMessage() + ")");
        }
        return new OperatorHttpRequest(caller, context.path("accountId").asText(""), body);
    }

    /**
     * The body as a request: {@code action}, {@code env}, {@code requestId}, and per action {@code service},
     * {@code image}, {@code all}, {@code until}, {@code reason}. Whatever identity the body names is not read.
     */
    OperatorRequest request() {
        var action = text("action");
        var requestId = required("requestId");
        var env = required("env");
        var service = text("service");
        var reason = text("reason");
        return switch (action == null ? "" : action) {
            case "deploy" -> new OperatorRequest.Deploy(requestId, env, service, text("image"), reason);
            case "rollback" -> new OperatorRequest.Rollback(requestId, env, service, body.path("all").asBoolean(false),
                    reason);
            case "promote", "abort", "pause", "resume" -> new OperatorRequest.Rollout(requestId,
                    RolloutCommand.Kind.fromCode(action), env, service, reason);
            case "freeze" -> new OperatorRequest.Freeze(requestId, env, instant("until"), reason);
            case "unfreeze" -> new OperatorRequest.Unfreeze(requestId, env);
            default -> throw new IllegalArgumentException("action: '" + action + "' is not one of deploy, rollback,"
                    + " promote, abort, pause, resume, freeze, unfreeze");
        };
    }

    private String text(String field) {
        var value = body.path(field);
        if (value.isMissingNode() || value.isNull()) return null;
        if (!value.isTextual()) throw new IllegalArgumentException(field + ": expected a string");
        return value.asText();
    }

    private String required(String field) {
        var value = text(field);
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + ": missing");
        if (value.length() > 256) throw new IllegalArgumentException(field + ": longer than 256 characters");
        return value;
    }

    private Instant instant(String field) {
        var value = text(field);
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO-8601 instant");
        }
    }
}
