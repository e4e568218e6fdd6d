package dev.shiplane.cli;

import dev.shiplane.core.events.RolloutCommand;
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
 * The requests an operator makes. Each goes to the operator entry ({@link Operator#entry()}) signed with the caller's
 * credentials: AWS verifies the signature, shiplane authorizes the action in the environment and puts the request on
 * the bus as an auditable event naming that verified caller. None calls ECS, so the functions that handle pushes and
 * alarms handle these too, under the same leases and ledger.
 */
final class RequestCommands {

    private RequestCommands() {}

    /** What every request shares: the target check, the signed request to the entry and its answer. */
    abstract static class Request implements Callable<Integer> {

        @ParentCommand
        ShiplaneCli root;

        @Spec
        CommandSpec spec;

        @Option(names = "--reason", description = "one sentence for the history")
        String reason;

        @Option(names = "--request-id", description = REQUEST_ID_HELP)
        String requestId;

        /** Fails with {@link UnknownTargetException} before any AWS call when shiplane.yml lacks the target. */
        abstract void checkTarget(Operator operator);

        @Override
        public Integer call() {
            var operator = root.operator();
            checkTarget(operator);
            var entry = operator.entry();
            var body = new LinkedHashMap<String, Object>();
            describe(body);
            if (reason != null) body.put("reason", reason);
            return submit(spec, root, entry, body, requestId);
        }

        /** The request as the operator entry reads it: its {@code action}, {@code env} and what the action needs. */
        abstract void describe(Map<String, Object> body);
    }

    /** The help of every operator command's {@code --request-id}. */
    static final String REQUEST_ID_HELP = "idempotency key (default: a new UUID, printed if the request fails);"
            + " reuse it to retry safely: the request is carried out at most once";

    /**
     * Sends {@code body} under {@code requestId} (a new UUID when null), retrying the same id as {@link EntryRetries}
     * decides, and prints the answer. Every failure names the request id and how to retry it, since a retry under a
     * new id would be a second request (a second rollback, a second deploy).
     */
    static int submit(CommandSpec spec, ShiplaneCli root, OperatorEntry entry, Map<String, Object> body,
                      String requestId) {
        var id = requestId != null ? requestId : UUID.randomUUID().toString();
        var request = new LinkedHashMap<String, Object>();
        request.put("requestId", id);
        request.putAll(body);
        try {
            return answer(spec, root.json, entry.sendRetrying(request, root.sleeper));
        } catch (RuntimeException failed) {
            throw new IllegalStateException(failed.getMessage() + "; request " + id + " may or may not have been"
                    + " carried out: run the same command again with --request-id " + id
                    + " (it is carried out at most once), not without it", failed);
        }
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
