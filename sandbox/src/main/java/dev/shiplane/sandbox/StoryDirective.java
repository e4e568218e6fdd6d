package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.config.DurationText;
import java.time.Duration;

/**
 * A story file that is not an event but an instruction to the sandbox: {@code {"sandbox": "advance", "by": "20m"}}
 * moves the story's clock (schedules due by then fire, in order), {@code {"sandbox": "ecs-will-fail", "cluster": …,
 * "service": …, "reason": …}} makes ECS report the next deployment of that service as failed instead of completed.
 */
sealed interface StoryDirective {

    record Advance(Duration by, String why) implements StoryDirective {}

    record EcsWillFail(String cluster, String service, String reason) implements StoryDirective {}

    static boolean is(JsonNode file) {
        return file.has("sandbox");
    }

    static StoryDirective parse(JsonNode file) {
        var kind = file.path("sandbox").asText();
        return switch (kind) {
            case "advance" -> new Advance(DurationText.parse(required(file, "by")), file.path("why").asText(""));
            case "ecs-will-fail" -> new EcsWillFail(required(file, "cluster"), required(file, "service"),
                    file.path("reason").asText("ECS deployment circuit breaker: tasks failed to start."));
            default -> throw new IllegalArgumentException("unknown sandbox directive '" + kind
                    + "' (known: advance, ecs-will-fail)");
        };
    }

    private static String required(JsonNode file, String field) {
        if (!file.hasNonNull(field)) throw new IllegalArgumentException("sandbox directive needs '" + field + "'");
        return file.get(field).asText();
    }
}
