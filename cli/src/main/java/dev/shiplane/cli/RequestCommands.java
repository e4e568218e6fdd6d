package dev.shiplane.cli;

import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The requests an operator makes. Each becomes an auditable event carrying the caller's IAM ARN; none calls ECS, so
 * the functions that handle pushes and alarms handle these too, under the same leases and ledger. With the operator
 * function's URL ({@code --operator-url}), a request goes there signed with the caller's credentials, which AWS
 * verifies and shiplane authorizes per action and environment; without it, it is put on the bus directly.
 */
final class RequestCommands {

    private RequestCommands() {}

    /** What every request shares: the target check, the identity, the put and the receipt. */
    abstract static class Request implements Callable<Integer> {

        @ParentCommand
        ShiplaneCli root;

        @Spec
        CommandSpec spec;

        @Option(names = "--reason", description = "one sentence for the history")
        String reason;

        @Option(names = "--request-id", description = "idempotency key (default: a new UUID); reuse it to retry safely")
        String requestId;

        /** Fails with {@link UnknownTargetException} before any AWS call when shiplane.yml lacks the target. */
        abstract void checkTarget(Operator operator);

        abstract DomainEvent request(String id, String requestedBy, Instant at);

        @Override
        public Integer call() {
            var operator = root.operator();
            var id = requestId != null ? requestId : UUID.randomUUID().toString();
            checkTarget(operator);
            var entry = operator.entry();
            var body = new LinkedHashMap<String, Object>();
            body.put("requestId", id);
            describe(body);
            if (reason != null) body.put("reason", reason);
            if (entry.isPresent()) return answer(spec, root.json, entry.get().send(body));
            var refused = refusedOffTheEntry(spec, operator, (String) body.get("env"));
            if (refused != null) return refused;
            var event = request(id, operator.callerArn(), root.clock().instant());
            operator.bus().publish(event);
            var out = spec.commandLine().getOut();
            if (root.json) {
                Output.json(out, Output.row("detailType", event.detailType(), "requestId", id, "detail", event));
            } else {
                out.println(event.detailType() + " put on the bus (request " + id + ")");
                out.flush();
            }
            return 0;
        }

        /** The request as the operator entry reads it: its {@code action}, {@code env} and what the action needs. */
        abstract void describe(Map<String, Object> body);
    }

    /**
     * An environment that lists its operators takes requests only through the operator entry, where AWS verifies the
     * caller: putting the request on the bus directly would name whoever the CLI claims to be. Refuses (exit
     * {@link ShiplaneCli#REFUSED}) without a URL there, or returns null.
     */
    static Integer refusedOffTheEntry(CommandSpec spec, Operator operator, String env) {
        if (env == null || !operator.config().operators().lists(env)) return null;
        var err = spec.commandLine().getErr();
        err.println("shiplane: " + env + " lists its operators: its requests go through the operator entry, where AWS"
                + " verifies who asks (--operator-url or " + OperatorEntry.URL_ENV + ": the delivery stack's"
                + " OperatorUrl output)");
        err.flush();
        return ShiplaneCli.REFUSED;
    }

    /** Prints the operator entry's answer; a refusal exits {@link ShiplaneCli#REFUSED}, naming who was refused. */
    static int answer(CommandSpec spec, boolean json, OperatorEntry.Answer answer) {
        var out = spec.commandLine().getOut();
        if (json) Output.json(out, answer.body());
        var status = answer.status();
        // Lambda's own 403 (no lambda:InvokeFunctionUrl, a signature for another region) is not shiplane's refusal
        var outcome = answer.body().path("outcome").asText();
        if (status == 403 && (outcome.equals("refused") || outcome.equals("repeated"))) {
            var err = spec.commandLine().getErr();
            err.println("shiplane: refused: " + answer.body().path("action").asText() + " in "
                    + answer.body().path("env").asText() + " as " + answer.body().path("requestedBy").asText()
                    + " (" + answer.reason() + ")");
            err.flush();
            return ShiplaneCli.REFUSED;
        }
        if (status >= 300) {
            throw new IllegalStateException("the operator entry answered " + status + ": " + answer.reason());
        }
        if (!json) {
            out.println(answer.reason() + " (request " + answer.body().path("requestId").asText() + ", as "
                    + answer.body().path("requestedBy").asText() + ")");
        }
        out.flush();
        return 0;
    }

    @Command(name = "deploy", description = "Deploy an image (tag or sha256 digest) to one service; lifts its quarantine.")
    static final class Deploy extends Request {
        @Parameters(index = "0", paramLabel = "ENV") String env;
        @Parameters(index = "1", paramLabel = "SERVICE") String service;
        @Parameters(index = "2", paramLabel = "TAG|DIGEST") String image;

        @Override
        void checkTarget(Operator operator) {
            operator.target(env, service);
        }

        @Override
        void describe(Map<String, Object> body) {
            body.putAll(Map.of("action", "deploy", "env", env, "service", service, "image", image));
        }

        @Override
        DomainEvent request(String id, String requestedBy, Instant at) {
            var digest = image.startsWith("sha256:") ? image : null;
            return new DeployRequested(env, service, digest == null ? image : null, digest, id, requestedBy, reason, at);
        }
    }

    @Command(name = "rollback", description = "Roll back one service, or with --all every service of ENV (emergency).")
    static final class Rollback extends Request {
        @Parameters(index = "0", paramLabel = "ENV") String env;
        @Parameters(index = "1", paramLabel = "SERVICE", arity = "0..1") String service;
        @Option(names = "--all", description = "every service of ENV; one failure does not stop the others") boolean all;

        @Override
        void checkTarget(Operator operator) {
            if (all == (service != null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "name a SERVICE or --all, not both and not neither");
            }
            if (all) operator.environment(env);
            else operator.target(env, service);
        }

        @Override
        void describe(Map<String, Object> body) {
            body.put("action", "rollback");
            body.put("env", env);
            if (all) body.put("all", true);
            else body.put("service", service);
        }

        @Override
        DomainEvent request(String id, String requestedBy, Instant at) {
            return new RollbackRequested(env, service, all, id, requestedBy, reason, at);
        }
    }

    abstract static class RolloutRequest extends Request {
        @Parameters(index = "0", paramLabel = "ENV") String env;
        @Parameters(index = "1", paramLabel = "SERVICE") String service;

        abstract RolloutCommand.Kind kind();

        @Override
        void checkTarget(Operator operator) {
            operator.target(env, service);
        }

        @Override
        void describe(Map<String, Object> body) {
            body.putAll(Map.of("action", kind().code(), "env", env, "service", service));
        }

        @Override
        DomainEvent request(String id, String requestedBy, Instant at) {
            return new RolloutCommand(kind().code(), env, service, id, requestedBy, reason, at);
        }
    }

    @Command(name = "promote", description = "Skip a rollout's remaining steps: all traffic to the new revision.")
    static final class Promote extends RolloutRequest {
        RolloutCommand.Kind kind() { return RolloutCommand.Kind.PROMOTE; }
    }

    @Command(name = "abort", description = "Stop a rollout: traffic back on the live colour.")
    static final class Abort extends RolloutRequest {
        RolloutCommand.Kind kind() { return RolloutCommand.Kind.ABORT; }
    }

    @Command(name = "pause", description = "Hold a rollout at its current weight.")
    static final class Pause extends RolloutRequest {
        RolloutCommand.Kind kind() { return RolloutCommand.Kind.PAUSE; }
    }

    @Command(name = "resume", description = "Resume a paused rollout (next check one bake later).")
    static final class Resume extends RolloutRequest {
        RolloutCommand.Kind kind() { return RolloutCommand.Kind.RESUME; }
    }
}
