package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.config.DurationText;
import java.time.Duration;

/**
 * A story file that is not an event but an instruction to the sandbox: {@code {"sandbox": "advance", "by": "20m"}}
 * moves the story's clock (schedules due by then fire, in order), {@code {"sandbox": "ecs-will-fail", "cluster": …,
 * "service": …, "reason": …}} makes ECS report the next deployment of that service as failed instead of completed,
 * {@code {"sandbox": "cli", "args": [...], "as": "arn:aws:sts::…:assumed-role/OnCall/oncall@monynha.dev", "exit": 4}}
 * runs the {@code shiplane} CLI against the sandbox's emulator as that operator (default: the harness), its requests
 * signed for the operator entry, expecting that exit code (default 0),
 * {@code {"sandbox": "checks-will-fail", "requests": 3, "status": 503}} makes the next health checks of a new colour
 * fail, {@code {"sandbox": "stack-update", "set": {"environments.staging.platform.tasks.web.memory": 1024}}} plays
 * CloudFormation updating the platform stacks with the story's configuration so changed ({@link StackUpdate}),
 * {@code {"sandbox": "ecr-image", "repository": …, "tag": …, "digest": …, "annotations": {…}, "committedBefore":
 * "25m"}} plays a build's push to ECR before ECR's event about it: the image index, with its annotations and the
 * commit time the publish workflow writes ({@code committedBefore} the story's now), is put in the repository.
 */
sealed interface StoryDirective {

    record Advance(Duration by, String why) implements StoryDirective {}

    record EcsWillFail(String cluster, String service, String reason) implements StoryDirective {}

    /**
     * {@code {"sandbox": "cli", "args": ["freeze", "staging", …]}}: an operator runs {@code shiplane} here.
     *
     * @param as   the operator's ARN as STS names it ({@link OperatorIdentities}); blank: the sandbox's harness
     * @param exit the exit code the story expects (4: the entry refuses the operator)
     */
    record Cli(java.util.List<String> args, String as, int exit) implements StoryDirective {}

    /** The next {@code requests} health-check requests to a new colour get {@code status}. */
    record ChecksWillFail(int requests, int status) implements StoryDirective {}

    /** The platform stacks are updated to the story's configuration with {@code set}'s dotted paths changed. */
    record StackUpdateDirective(java.util.Map<String, JsonNode> set, String why) implements StoryDirective {}

    /**
     * ECR holds {@code repository@digest} (tagged {@code tag}) as an OCI image index with {@code annotations}, plus
     * {@code dev.shiplane.commit.timestamp} at {@code committedBefore} the story's now when that is given.
     */
    record EcrImage(String repository, String tag, String digest, java.util.Map<String, String> annotations,
                    Duration committedBefore, String why) implements StoryDirective {}

    /** {@code {"sandbox": "stop"}}: a serving sandbox ({@code --serve}) ends, as after its story. */
    record Stop() implements StoryDirective {}

    static boolean is(JsonNode file) {
        return file.has("sandbox");
    }

    static StoryDirective parse(JsonNode file) {
        var kind = file.path("sandbox").asText();
        return switch (kind) {
            case "advance" -> new Advance(DurationText.parse(required(file, "by")), file.path("why").asText(""));
            case "ecs-will-fail" -> new EcsWillFail(required(file, "cluster"), required(file, "service"),
                    file.path("reason").asText("ECS deployment circuit breaker: tasks failed to start."));
            case "cli" -> {
                if (!file.path("args").isArray() || file.path("args").isEmpty()) {
                    throw new IllegalArgumentException("sandbox directive needs 'args' (the shiplane command line)");
                }
                var args = new java.util.ArrayList<String>();
                file.path("args").forEach(a -> args.add(a.asText()));
                yield new Cli(args, file.path("as").asText(""), file.path("exit").asInt(0));
            }
            case "stop" -> new Stop();
            case "checks-will-fail" -> new ChecksWillFail(file.path("requests").asInt(1), file.path("status").asInt(503));
            case "stack-update" -> {
                if (!file.path("set").isObject() || file.path("set").isEmpty()) {
                    throw new IllegalArgumentException("sandbox directive needs 'set' (configuration paths → values)");
                }
                var set = new java.util.LinkedHashMap<String, JsonNode>();
                file.path("set").properties().forEach(e -> set.put(e.getKey(), e.getValue()));
                yield new StackUpdateDirective(set, file.path("why").asText(""));
            }
            case "ecr-image" -> {
                var annotations = new java.util.LinkedHashMap<String, String>();
                file.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
                yield new EcrImage(required(file, "repository"), required(file, "tag"), required(file, "digest"),
                        annotations, file.hasNonNull("committedBefore")
                                ? DurationText.parse(file.get("committedBefore").asText()) : null,
                        file.path("why").asText(""));
            }
            default -> throw new IllegalArgumentException("unknown sandbox directive '" + kind
                    + "' (known: advance, ecs-will-fail, cli, checks-will-fail, stack-update, ecr-image, stop)");
        };
    }

    private static String required(JsonNode file, String field) {
        if (!file.hasNonNull(field)) throw new IllegalArgumentException("sandbox directive needs '" + field + "'");
        return file.get(field).asText();
    }
}
