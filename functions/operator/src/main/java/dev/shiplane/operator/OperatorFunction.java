package dev.shiplane.operator;

import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_NAME;
import static dev.shiplane.contract.environment.DeliveryEnvironment.LEDGER_TABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DynamoDbDeliveryRegistry;
import dev.shiplane.aws.DynamoDbFreezes;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.DeliveryRegistry;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.operator.OperatorRequestOutcome;
import dev.shiplane.core.operator.OperatorRequestService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The operator function's composition root and its one entry point: a SigV4-signed Function URL request in, the
 * HTTP answer out. It reads {@code SHIPLANE_BUS_NAME}, {@code SHIPLANE_LEDGER_TABLE} (freezes and handled request ids)
 * and the bundled {@code shiplane.yml}. Failures of AWS propagate: the URL answers 502 and the CLI retries the same
 * request id.
 */
public final class OperatorFunction {

    /** The outcome's name (for metrics and the answer) and the Function URL response document. */
    record Reply(String outcome, byte[] document) {}

    private static final Logger LOG = LoggerFactory.getLogger(OperatorFunction.class);

    private final ShiplaneConfig config;
    private final EventBus bus;
    private final Freezes freezes;
    private final DeliveryRegistry handledRequests;
    private final Clock clock;
    private AwsClients clients;
    /** The environments this function's delivery stack serves; a request for another is for its account's entry. */
    private ServedEnvironments served = ServedEnvironments.all();

    OperatorFunction(ShiplaneConfig config, EventBus bus, Freezes freezes, DeliveryRegistry handledRequests,
                     Clock clock) {
        this.config = config;
        this.bus = bus;
        this.freezes = freezes;
        this.handledRequests = handledRequests;
        this.clock = clock;
    }

    /**
     * Wires the function from its environment: AWS clients are built once and reused across invocations. Every
     * instant the function uses is read from {@code clock}.
     */
    public static OperatorFunction fromEnvironment(Map<String, String> env, Clock clock) {
        var aws = new AwsClients(env);
        var dynamo = aws.lazy(DynamoDbClient.class, DynamoDbClient::builder);
        var table = aws.required(LEDGER_TABLE);
        var function = new OperatorFunction(ConfigLoader.fromEnvironment(env),
                new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder), aws.required(BUS_NAME)),
                new DynamoDbFreezes(dynamo, table), new DynamoDbDeliveryRegistry(dynamo, table), clock);
        function.served = DeliveryEnvironment.served(env);
        function.clients = aws;
        return function;
    }

    /** SnapStart priming: builds every SDK client it may use; nothing reaches AWS. */
    public void prime() {
        if (clients != null) clients.prime();
    }

    public Reply handle(byte[] invocation) {
        OperatorHttpRequest http;
        try {
            http = OperatorHttpRequest.parse(invocation);
        } catch (IllegalArgumentException notHttp) {
            LOG.warn("not a Function URL request: {}", notHttp.getMessage());
            return reply("invalid", 400, body("invalid").put("reason", notHttp.getMessage()));
        }
        if (http.caller().isEmpty()) {
            // Only an AWS_IAM Function URL carries a verified caller: without one nobody may be named requestedBy.
            LOG.warn("request without a verified IAM caller: refused");
            return reply("unsigned", 401, body("unsigned").put("reason",
                    "no verified IAM caller: sign the request with SigV4 (service lambda)"));
        }
        var caller = http.caller().get();
        dev.shiplane.core.operator.OperatorRequest request;
        try {
            request = http.request();
        } catch (IllegalArgumentException bad) {
            return reply("invalid", 400, body("invalid").put("reason", bad.getMessage()));
        }
        var notServed = served.notServed(request.env());
        if (notServed.isPresent()) {
            // 421 Misdirected Request: the environment's own account's operator entry takes it; nothing was recorded.
            LOG.info("{} in {} by {}: not served here: {}", request.action().code(), request.env(), caller.arn(),
                    notServed.get());
            return reply("not-served", 421, body("not-served").put("action", request.action().code())
                    .put("env", request.env()).put("requestId", request.requestId()).put("reason", notServed.get()));
        }
        var service = new OperatorRequestService(config, bus, freezes, handledRequests, http.homeAccount());
        var outcome = service.handle(request, caller, clock.instant());
        LOG.info("{} {} in {} by {} (request {}): {}", request.action().code(),
                request.service() == null ? "" : request.service(), request.env(), caller.arn(), request.requestId(),
                outcome.text());
        var answer = body(code(outcome)).put("action", request.action().code()).put("env", request.env())
                .put("requestId", request.requestId()).put("requestedBy", caller.arn()).put("reason", outcome.text());
        if (request.service() != null) answer.put("service", request.service());
        return switch (outcome) {
            case OperatorRequestOutcome.Accepted a -> reply(code(outcome), 202,
                    answer.put("detailType", a.published().detailType()));
            case OperatorRequestOutcome.NothingToDo n -> reply(code(outcome), 200, answer);
            case OperatorRequestOutcome.Refused r -> reply(code(outcome), 403, answer);
            case OperatorRequestOutcome.Repeated r -> reply(code(outcome), r.decision().allowed() ? 200 : 403, answer);
            case OperatorRequestOutcome.Invalid i -> reply(code(outcome), 400, answer);
        };
    }

    private static String code(OperatorRequestOutcome outcome) {
        return switch (outcome) {
            case OperatorRequestOutcome.Accepted a -> "accepted";
            case OperatorRequestOutcome.NothingToDo n -> "nothing-to-do";
            case OperatorRequestOutcome.Refused r -> "refused";
            case OperatorRequestOutcome.Repeated r -> "repeated";
            case OperatorRequestOutcome.Invalid i -> "invalid";
        };
    }

    private static ObjectNode body(String outcome) {
        return ShiplaneJson.mapper().createObjectNode().put("outcome", outcome);
    }

    private static Reply reply(String outcome, int status, ObjectNode body) {
        var document = ShiplaneJson.mapper().createObjectNode().put("statusCode", status);
        document.putObject("headers").put("content-type", "application/json");
        document.put("body", ShiplaneJson.write(body));
        return new Reply(outcome, ShiplaneJson.write(document).getBytes(StandardCharsets.UTF_8));
    }
}
