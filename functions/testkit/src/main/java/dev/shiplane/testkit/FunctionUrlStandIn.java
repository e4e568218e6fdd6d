package dev.shiplane.testkit;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeMap;

/**
 * AWS's part of an {@code AWS_IAM} Function URL, which moto does not serve: it takes a SigV4-signed HTTP request,
 * checks the signature with the secret of the access key it names ({@link SigV4Check}, against the keys the emulator
 * issued: {@link IssuedCredentials}), fills {@code requestContext.authorizer.iam} with that key's holder as AWS
 * documents it, and hands the Function URL event (payload 2.0) to the function; the function's answer is the HTTP
 * answer. A request with no signature, another service's or region's, an unknown key or a wrong signature gets
 * Lambda's 403 and never reaches the function.
 */
public final class FunctionUrlStandIn implements AutoCloseable {

    /** The function behind the URL: a Function URL event in, its result document ({@code statusCode}, body) out. */
    @FunctionalInterface
    public interface UrlFunction {
        byte[] invoke(byte[] event) throws Exception;

        static UrlFunction of(RequestStreamHandler handler, String name) {
            return event -> {
                var out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of(name));
                return out.toByteArray();
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_SHAPE = "events/operator/function-url-request-sso-role.json";

    private final HttpServer server;
    private final UrlFunction function;
    private final IssuedCredentials issued;
    private final String ownerAccount;
    private final String region;

    private FunctionUrlStandIn(UrlFunction function, IssuedCredentials issued, String ownerAccount, String region)
            throws IOException {
        this.function = function;
        this.issued = issued;
        this.ownerAccount = ownerAccount;
        this.region = region;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * @param ownerAccount the function's account ({@code requestContext.accountId})
     * @param region       the URL's region: a request must be signed for it
     */
    public static FunctionUrlStandIn start(UrlFunction function, IssuedCredentials issued, String ownerAccount,
                                           String region) {
        try {
            return new FunctionUrlStandIn(function, issued, ownerAccount, region);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void answer(HttpExchange exchange) throws IOException {
        int status;
        byte[] answer;
        var functionHeaders = new TreeMap<String, String>();
        try {
            var body = exchange.getRequestBody().readAllBytes();
            var headers = new TreeMap<String, String>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            var path = exchange.getRequestURI().getRawPath();
            var verdict = SigV4Check.verify(exchange.getRequestMethod(), path, headers, body, issued, "lambda",
                    region);
            switch (verdict) {
                case SigV4Check.Verdict.Refused refused -> {
                    status = 403;
                    answer = JSON.createObjectNode().put("Message", refused.message()).toString()
                            .getBytes(StandardCharsets.UTF_8);
                }
                case SigV4Check.Verdict.Verified verified -> {
                    var document = JSON.readTree(function.invoke(JSON.writeValueAsBytes(
                            event(exchange.getRequestMethod(), path, headers, body, verified))));
                    status = document.path("statusCode").asInt(200);
                    // Lambda returns the headers of the function's result document (Retry-After, say)
                    document.path("headers").properties().forEach(h -> functionHeaders.put(h.getKey(),
                            h.getValue().asText()));
                    answer = document.path("body").asText("").getBytes(StandardCharsets.UTF_8);
                }
            }
        } catch (Exception e) {
            // the function failed: Lambda answers 502
            status = 502;
            answer = JSON.createObjectNode().put("Message", "Internal Server Error: " + e.getMessage()).toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("content-type", "application/json");
        functionHeaders.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-type")) exchange.getResponseHeaders().add(name, value);
        });
        exchange.sendResponseHeaders(status, answer.length);
        try (var out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The Function URL event Lambda would hand over, in the shape AWS documents (events/operator/). */
    private ObjectNode event(String method, String path, java.util.Map<String, String> headers, byte[] body,
                             SigV4Check.Verdict.Verified verified) throws IOException {
        var event = (ObjectNode) JSON.readTree(RepoFiles.bytes(REQUEST_SHAPE));
        event.put("rawPath", path);
        var eventHeaders = event.putObject("headers");
        headers.forEach(eventHeaders::put);
        var context = (ObjectNode) event.path("requestContext");
        context.put("accountId", ownerAccount).put("requestId", java.util.UUID.randomUUID().toString());
        ((ObjectNode) context.path("http")).put("method", method).put("path", path);
        var caller = verified.caller();
        ((ObjectNode) context.path("authorizer").path("iam")).put("accessKey", verified.accessKey())
                .put("accountId", caller.accountId()).put("callerId", caller.userId())
                .put("userArn", caller.userArn()).put("userId", caller.userId());
        event.put("body", new String(body, StandardCharsets.UTF_8)).put("isBase64Encoded", false);
        return event;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
