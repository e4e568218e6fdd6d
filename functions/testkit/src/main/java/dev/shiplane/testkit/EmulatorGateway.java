package dev.shiplane.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A loopback HTTP gateway in front of moto. It passes every request through unchanged, except CloudWatch calls:
 * the AWS SDK for Java 2.57 speaks CloudWatch's rpc-v2-cbor protocol, which moto 5.2.1 does not route, while moto
 * does speak CloudWatch's JSON protocol. The gateway translates between the two (CBOR ⇄ JSON, same shapes), so
 * product code uses the SDK as it ships and moto stays the emulator.
 */
public final class EmulatorGateway implements AutoCloseable {

    private static final String CLOUDWATCH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String upstream;
    private volatile UnaryOperator<HttpRequest.Builder> requestHook = UnaryOperator.identity();
    private volatile java.util.function.Function<Incoming, Fault> faults = request -> null;
    private volatile Duration timeoutHold = Duration.ofSeconds(10);
    private volatile java.util.function.BiConsumer<Incoming, Answer> answers = (request, answer) -> { };

    /** A fault the gateway answers with instead of (or after) forwarding a request to the emulator. */
    public enum Fault {
        /** HTTP 400 {@code ThrottlingException} (query-protocol services: {@code Throttling}), which the SDK retries. */
        THROTTLE,
        /** HTTP 500 {@code InternalFailure}. */
        SERVER_ERROR,
        /** The response breaks off: headers promise a body, the connection closes after a few bytes of it. */
        BROKEN_RESPONSE,
        /** The connection is closed without a byte of response; the request never reaches the emulator. */
        RESET,
        /**
         * The request reaches the emulator and takes effect, but its response never comes: the gateway holds the
         * connection for {@link #holdTimeoutsFor} (longer than the caller's attempt timeout), then closes it
         * unanswered. The caller cannot tell whether the call happened, as when AWS applies a request and the
         * answer is lost.
         */
        TIMEOUT
    }

    /** A request as it reaches the gateway: lower-case header names, the body as sent. */
    public record Incoming(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            var values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** What the emulator answered a request: its status and body (CloudWatch's as moto wrote it, in JSON). */
    public record Answer(int status, byte[] body) {}

    private EmulatorGateway(HttpServer server, String upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Starts a gateway on a free loopback port forwarding to {@code upstream} (moto's base URL). */
    public static EmulatorGateway start(String upstream) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            var gateway = new EmulatorGateway(server, upstream.replaceAll("/+$", ""));
            server.createContext("/", gateway::handle);
            server.setExecutor(Executors.newFixedThreadPool(8, r -> {
                var t = new Thread(r, "emulator-gateway");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the emulator gateway: " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getRawPath();
            var query = exchange.getRequestURI().getRawQuery();
            var body = exchange.getRequestBody().readAllBytes();
            var headers = new java.util.HashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            var fault = faults.apply(new Incoming(exchange.getRequestMethod(), path, Map.copyOf(headers), body));
            if (fault == Fault.RESET) {
                // closing the exchange before any response is sent makes the JDK server close the connection
                return;
            }
            if (fault != null && fault != Fault.TIMEOUT) {
                answer(exchange, fault, headers);
                return;
            }
            var cloudWatch = path.startsWith(CLOUDWATCH_PREFIX);
            var target = URI.create(upstream + (cloudWatch ? "/" : path) + (query == null ? "" : "?" + query));
            var request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60));
            for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                var name = h.getKey().toLowerCase(java.util.Locale.ROOT);
                if (HOP_HEADERS.contains(name) || (cloudWatch && (name.equals("content-type")
                        || name.equals("smithy-protocol") || name.equals("accept")))) {
                    continue;
                }
                for (var v : h.getValue()) request.header(h.getKey(), v);
            }
            if (cloudWatch) {
                var operation = path.substring(CLOUDWATCH_PREFIX.length());
                request.header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
                        .header("Content-Type", "application/x-amz-json-1.0");
                body = body.length == 0 ? "{}".getBytes() : JSON.writeValueAsBytes(CBOR.readTree(body));
            }
            request.method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> response;
            try {
                response = client.send(requestHook.apply(request).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (fault == Fault.TIMEOUT) {
                hold();
                return;
            }
            var responseBody = response.body();
            answers.accept(new Incoming(exchange.getRequestMethod(), path, Map.copyOf(headers), body),
                    new Answer(response.statusCode(), responseBody));
            for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
                var name = h.getKey().toLowerCase(java.util.Locale.ROOT);
                if (HOP_HEADERS.contains(name) || name.equals(":status") || (cloudWatch && name.equals("content-type"))) {
                    continue;
                }
                for (var v : h.getValue()) exchange.getResponseHeaders().add(h.getKey(), v);
            }
            if (cloudWatch) {
                responseBody = toCbor(responseBody.length == 0 ? JSON.createObjectNode() : JSON.readTree(responseBody));
                exchange.getResponseHeaders().set("Content-Type", "application/cbor");
                exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
            }
            exchange.sendResponseHeaders(response.statusCode(), responseBody.length == 0 ? -1 : responseBody.length);
            if (responseBody.length > 0) exchange.getResponseBody().write(responseBody);
        }
    }

    /** A test gateway's stand-in for a server that does not answer: only a gateway thread waits. */
    private void hold() throws IOException {
        try {
            Thread.sleep(timeoutHold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, Fault fault, Map<String, List<String>> headers)
            throws IOException {
        if (fault == Fault.BROKEN_RESPONSE) {
            exchange.sendResponseHeaders(200, 4096);
            exchange.getResponseBody().write("{\"".getBytes());
            exchange.getResponseBody().flush();
            // closing short of the promised length makes the JDK server drop the connection
            return;
        }
        var contentType = String.valueOf(headers.getOrDefault("content-type", List.of("")).getFirst());
        var query = contentType.contains("x-www-form-urlencoded");
        var code = fault == Fault.THROTTLE ? (query ? "Throttling" : "ThrottlingException") : "InternalFailure";
        var body = (query
                ? "<ErrorResponse><Error><Type>" + (fault == Fault.THROTTLE ? "Sender" : "Receiver") + "</Type><Code>"
                        + code + "</Code><Message>injected by the emulator gateway</Message></Error>"
                        + "<RequestId>fault</RequestId></ErrorResponse>"
                : "{\"__type\":\"" + code + "\",\"message\":\"injected by the emulator gateway\"}").getBytes();
        exchange.getResponseHeaders().set("Content-Type", query ? "text/xml" : "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fault");
        exchange.sendResponseHeaders(fault == Fault.THROTTLE ? 400 : 500, body.length);
        exchange.getResponseBody().write(body);
    }

    /**
     * Fault injection: {@code plan} sees every request before it is forwarded and returns the fault to answer it
     * with, or {@code null} to forward it. {@code null} removes the plan.
     */
    public void onIncoming(java.util.function.Function<Incoming, Fault> plan) {
        this.faults = plan == null ? request -> null : plan;
    }

    /** Lets the harness watch every answer the emulator gives (e.g. IAM's refusals); {@code null} stops watching. */
    public void onAnswered(java.util.function.BiConsumer<Incoming, Answer> watcher) {
        this.answers = watcher == null ? (request, answer) -> { } : watcher;
    }

    /** How long a {@link Fault#TIMEOUT} holds the connection: make it longer than the callers' attempt timeout. */
    public void holdTimeoutsFor(Duration hold) {
        this.timeoutHold = hold;
    }

    /** JSON → CBOR, tagging timestamp members (epoch seconds) with CBOR tag 1 as rpc-v2-cbor requires. */
    static byte[] toCbor(JsonNode json) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gen = (CBORGenerator) CBOR.getFactory().createGenerator(out)) {
            write(gen, null, json);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator gen, String field, JsonNode node) throws IOException {
        if (node.isObject()) {
            gen.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                gen.writeFieldName(e.getKey());
                write(gen, e.getKey(), e.getValue());
            }
            gen.writeEndObject();
        } else if (node.isArray()) {
            gen.writeStartArray();
            for (var item : node) write(gen, field, item);
            gen.writeEndArray();
        } else if (node.isNumber() && field != null && field.endsWith("Timestamp")) {
            ((CBORGenerator) gen).writeTag(1);
            gen.writeNumber(node.doubleValue());
        } else {
            gen.writeTree(node);
        }
    }

    /** Lets tests alter forwarded requests (fault injection hooks in later suites). */
    public void onRequest(UnaryOperator<HttpRequest.Builder> hook) {
        this.requestHook = hook == null ? UnaryOperator.identity() : hook;
    }
}
