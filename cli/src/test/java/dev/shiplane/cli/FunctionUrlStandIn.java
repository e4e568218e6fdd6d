package dev.shiplane.cli;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS's part of an {@code AWS_IAM} Function URL, which moto does not serve: it takes a SigV4-signed HTTP request,
 * learns who signed it by asking the emulator's STS {@code GetCallerIdentity} with the signer's access key (as Lambda
 * resolves the signature's credentials), fills {@code requestContext.authorizer.iam} as AWS documents it, and hands
 * the Function URL event to the function. It refuses, as Lambda does with 403, a request signed for another service.
 * The signature itself is not recomputed: the emulator knows no secret to check it with.
 */
final class FunctionUrlStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,.*");

    private final HttpServer server;

    FunctionUrlStandIn(RequestStreamHandler function, Map<String, String> emulator) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] answer;
            int status;
            var auth = CREDENTIAL.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("authorization")));
            if (!auth.matches() || !auth.group(3).equals("lambda")) {
                status = 403;
                answer = "{\"Message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                var caller = callerOf(auth.group(1), exchange.getRequestHeaders().getFirst("x-amz-security-token"),
                        emulator);
                var event = (ObjectNode) JSON.readTree(RepoFiles.bytes("events/operator/function-url-request-sso-role.json"));
                var iam = (ObjectNode) event.path("requestContext").path("authorizer").path("iam");
                iam.put("accessKey", auth.group(1)).put("accountId", caller.account()).put("callerId", caller.userId())
                        .put("userArn", caller.arn()).put("userId", caller.userId());
                event.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                var out = new ByteArrayOutputStream();
                function.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out,
                        LocalContext.of("operator"));
                var document = JSON.readTree(out.toByteArray());
                status = document.path("statusCode").asInt();
                answer = document.path("body").asText().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (var body = exchange.getResponseBody()) {
                body.write(answer);
            }
        });
        server.start();
    }

    private static software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse callerOf(String accessKey,
            String sessionToken, Map<String, String> emulator) {
        var credentials = sessionToken == null
                ? software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey, "not-checked")
                : AwsSessionCredentials.create(accessKey, "not-checked", sessionToken);
        try (var sts = StsClient.builder().endpointOverride(URI.create(emulator.get("AWS_ENDPOINT_URL")))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(credentials)).build()) {
            return sts.getCallerIdentity();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
