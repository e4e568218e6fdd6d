package dev.shiplane.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the clients {@link AwsClients#prime} builds to warm the SDK before a SnapStart snapshot: it
 * answers every request itself, at once, with an empty success in the request's protocol, and never opens a
 * connection. A request that reaches it has been through everything the SDK does before the network (endpoint
 * rules, marshalling, signing, interceptors) and its answer through everything after (unmarshalling), so those
 * classes are loaded, linked and run before the snapshot, without a call to AWS and without a side effect.
 */
final class PrimingHttpClient implements SdkHttpClient {

    static final PrimingHttpClient INSTANCE = new PrimingHttpClient();

    private PrimingHttpClient() {}

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return answer(request);
            }

            @Override
            public void abort() {
                // answered synchronously: nothing in flight to abort
            }
        };
    }

    private static HttpExecuteResponse answer(HttpExecuteRequest request) throws IOException {
        var contentType = request.httpRequest().firstMatchingHeader("Content-Type").orElse("");
        String responseType;
        byte[] body;
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            // AWS Query protocol (ELBv2, SNS): <ActionResponse><ActionResult/></ActionResponse>
            var action = queryAction(request);
            responseType = "text/xml";
            body = ("<" + action + "Response><" + action + "Result/></" + action + "Response>")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (contentType.startsWith("application/cbor")) {
            // Smithy RPC v2 CBOR: an empty map
            responseType = "application/cbor";
            body = new byte[] {(byte) 0xA0};
        } else {
            // AWS JSON and REST-JSON
            responseType = "application/json";
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        var response = SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", responseType)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amzn-RequestId", "priming");
        if (responseType.equals("application/cbor")) {
            response.putHeader("smithy-protocol", "rpc-v2-cbor");
        }
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
    }

    private static String queryAction(HttpExecuteRequest request) throws IOException {
        var provider = request.contentStreamProvider();
        if (provider.isEmpty()) return "Priming";
        String form;
        try (InputStream in = provider.get().newStream()) {
            form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (var pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "Priming";
    }

    @Override
    public String clientName() {
        return "ShiplanePriming";
    }

    @Override
    public void close() {
        // holds no connection
    }
}
