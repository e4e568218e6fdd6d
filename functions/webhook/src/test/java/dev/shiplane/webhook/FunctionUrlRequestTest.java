package dev.shiplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FunctionUrlRequestTest {

    static final String SAMPLE = "events/github/function-url-request.json";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sample_readsAsTheLambdaRuntimeReadsIt() {
        var runtimeView = EventLoader.loadApiGatewayHttpEvent(RepoFiles.path(SAMPLE).toString());

        var request = FunctionUrlRequest.parse(RepoFiles.bytes(SAMPLE));

        assertThat(request.method()).isEqualTo(runtimeView.getRequestContext().getHttp().getMethod());
        assertThat(request.rawPath()).isEqualTo(runtimeView.getRawPath());
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(runtimeView.getBody());
        assertThat(request.header("x-github-delivery")).isEqualTo(runtimeView.getHeaders().get("x-github-delivery"));
    }

    @Test
    void sampleBody_isTheSampleDelivery_asGitHubSendsIt() throws Exception {
        var request = FunctionUrlRequest.parse(RepoFiles.bytes(SAMPLE));

        assertThat(JSON.readTree(request.body()))
                .isEqualTo(JSON.readTree(RepoFiles.bytes("events/github/registry-package-published.json")));
        assertThat(request.header("content-length")).isEqualTo(Integer.toString(request.body().length));
    }

    @Test
    void headers_areFoundWhateverTheirCase() throws Exception {
        var envelope = (ObjectNode) JSON.readTree(RepoFiles.bytes(SAMPLE));
        var headers = (ObjectNode) envelope.get("headers");
        headers.remove("x-github-event");
        headers.put("X-GitHub-Event", "registry_package");

        var request = FunctionUrlRequest.parse(JSON.writeValueAsBytes(envelope));

        assertThat(request.header("x-github-event")).isEqualTo("registry_package");
        assertThat(request.header("X-GITHUB-DELIVERY")).isEqualTo("6f0c8e4a-cb11-11f0-9c1f-2f6a1d3e4b5c");
    }

    @Test
    void base64Body_isDecodedToTheBytesThatWereSigned() throws Exception {
        var envelope = (ObjectNode) JSON.readTree(RepoFiles.bytes(SAMPLE));
        var raw = envelope.get("body").asText().getBytes(StandardCharsets.UTF_8);
        envelope.put("body", Base64.getEncoder().encodeToString(raw));
        envelope.put("isBase64Encoded", true);

        assertThat(FunctionUrlRequest.parse(JSON.writeValueAsBytes(envelope)).body()).isEqualTo(raw);
    }

    @Test
    void anEventBridgeEvent_isNotAFunctionUrlRequest() {
        assertThatThrownBy(() -> FunctionUrlRequest.parse(RepoFiles.bytes("events/aws/ecr-image-push.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestContext");
    }

    @Test
    void description_leavesOutHeadersAndBody() {
        var request = FunctionUrlRequest.parse(RepoFiles.bytes(SAMPLE));

        assertThat(request.toString()).doesNotContain("sha256=").doesNotContain("monynha");
    }
}
