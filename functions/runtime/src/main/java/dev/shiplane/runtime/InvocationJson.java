package dev.shiplane.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.lambda.powertools.utilities.JsonConfig;

/** The JSON a handler reads for its log context and writes as its answer, through Powertools' own mapper. */
final class InvocationJson {

    private InvocationJson() {}

    private static ObjectMapper mapper() {
        return JsonConfig.get().getObjectMapper();
    }

    /** The event as a tree, for its correlation id; {@code null} when it is not JSON (the function says why). */
    static JsonNode treeOrNull(byte[] event) {
        try {
            return mapper().readTree(event);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** {@code {"result": "…"}}: what the invocation answers. */
    static byte[] resultDocument(String result) {
        try {
            return mapper().writeValueAsBytes(java.util.Collections.singletonMap("result", result));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
