package dev.shiplane.sandbox.ecsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only Lambda hook implementing AWS's contract (a {@code hookStatus} of SUCCEEDED, FAILED or IN_PROGRESS, with
 * {@code callBackDelay} and {@code hookDetails}), answering per lifecycle stage from a script (SUCCEEDED when nothing
 * is scripted), and recording every payload ECS's engine sent it.
 */
final class HookResponder implements LambdaHooks {

    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:shiplane-hooks:live";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Deque<String>> answers = new HashMap<>();
    final List<JsonNode> payloads = new ArrayList<>();

    /** The next invocation at {@code stage} answers {@code answer} (a hook result document). */
    HookResponder answer(String stage, String answer) {
        answers.computeIfAbsent(stage, s -> new ArrayDeque<>()).add(answer);
        return this;
    }

    @Override
    public String invoke(String functionArn, String payload) {
        if (!functionArn.equals(FUNCTION_ARN)) {
            throw new HookInvocationFailed("ResourceNotFoundException: Function not found: " + functionArn);
        }
        try {
            var event = JSON.readTree(payload);
            payloads.add(event);
            var scripted = answers.get(event.path("lifecycleStage").asText());
            return scripted == null || scripted.isEmpty() ? "{\"hookStatus\":\"SUCCEEDED\"}" : scripted.poll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> stages() {
        return payloads.stream().map(p -> p.path("lifecycleStage").asText()).toList();
    }
}
