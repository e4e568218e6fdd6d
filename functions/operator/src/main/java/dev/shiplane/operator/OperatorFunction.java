package dev.shiplane.operator;

import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_NAME;
import static dev.shiplane.contract.environment.DeliveryEnvironment.LEASE_SECONDS;
import static dev.shiplane.contract.environment.DeliveryEnvironment.LEDGER_TABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DynamoDbFreezes;
import dev.shiplane.aws.DynamoDbRequestClaims;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.operator.OperatorRequestOutcome;
import dev.shiplane.core.operator.OperatorRequestService;
import dev.shiplane.core.operator.RequestClaims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The operator function's composition root and its one entry point: a SigV4-signed Function URL request in, the
 * HTTP answer out. It reads {@code SHIPLANE_BUS_NAME}, {@code SHIPLANE_LEDGER_TABLE} (freezes and claims of request
 * ids), {@code SHIPLANE_LEASE_SECONDS} (how long a claim protects the invocation that wrote it; the stack sets the
 * function's timeout plus a margin; default {@value #DEFAULT_LEASE_SECONDS}, twice the longest timeout the stack
 * allows) and the bundled {@code shiplane.yml}. Failures of AWS propagate: the URL answers 502. The CLI sends the
 * request again under the same request id after a 5xx, no answer or a 409 (after its {@code Retry-After}), a few
 * times within 30 s, and otherwise exits naming the id to retry with ({@code --request-id}).
 */
public final class OperatorFunction {

    /** The outcome's name (for metrics and the answer) and the Function URL response document. */
    record Reply(String outcome, byte[] document) {}

    /** Longer than the function's timeout (at most 30 s, {@code OperatorEntryProps}): a live invocation keeps it. */
    static final long DEFAULT_LEASE_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(OperatorFunction.class);

    private final ShiplaneConfig config;
    private final EventBus bus;
    private final Freezes freezes;
    private final RequestClaims claims;
    private final Duration lease;
    private final Supplier<String> holders;
    private final Clock clock;
    private AwsClients clients;
    /** The environments this function's delivery stack serves; a request for another is for its account's entry. */
    private ServedEnvironments served = ServedEnvironments.all();

    OperatorFunction(ShiplaneConfig config, EventBus bus, Freezes freezes, RequestClaims claims, Duration lease,
                     Supplier<String> holders, Clock clock) {
        this.config = config;
        this.bus = bus;
        this.freezes = freezes;
        this.claims = claims;
        this.lease = lease;
        this.holders = holders;
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
        // Operators act on the declared configuration (a request names any environment); the served set decides.
        var configured = DeliveryEnvironment.configured(env);
        var config = configured.declared();
        var served = configured.served();
        var function = new OperatorFunction(config,
                new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder), aws.required(BUS_NAME)),
                new DynamoDbFreezes(dynamo, table), new DynamoDbRequestClaims(dynamo, table),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault(LEASE_SECONDS,
                        Long.toString(DEFAULT_LEASE_SECONDS)))),
                () -> UUID.randomUUID().toString(), clock);
        function.served = served;
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
        var service = new OperatorRequestService(config, bus, freezes, claims, lease, holders, http.homeAccount());
        var outcome = service.handle(request, caller, clock.instant());
        LOG.info("{} {} in {} by {} (request {}): {}", request.action().code(),
                request.service() == null ? "" : request.service(), request.env(), caller.arn(), request.requestId(),
                outcome.text());
        var answer = body(outcome.code()).put("action", request.action().code()).put("env", request.env())
                .put("requestId", request.requestId()).put("requestedBy", caller.arn()).put("reason", outcome.text());
        if (request.service() != null) answer.put("service", request.service());
        return switch (outcome) {
            case OperatorRequestOutcome.Accepted a -> reply(outcome.code(), 202,
                    answer.put("detailType", a.published().detailType()));
            case OperatorRequestOutcome.NothingToDo n -> reply(outcome.code(), 200, answer);
            case OperatorRequestOutcome.Refused r -> reply(outcome.code(), 403, answer);
            case OperatorRequestOutcome.Repeated r -> reply(outcome.code(), r.decision().allowed() ? 200 : 403,
                    answer.put("firstOutcome", r.firstOutcome()));
            // 409 as for an idempotency key whose first request is still being processed; Retry-After in seconds
            case OperatorRequestOutcome.InProgress p -> reply(outcome.code(), 409,
                    answer.put("retryAfter", p.retryAfter().toString()),
                    Math.max(1, clock.instant().until(p.retryAfter(), ChronoUnit.SECONDS) + 1));
            case OperatorRequestOutcome.Invalid i -> reply(outcome.code(), 400, answer);
        };
    }

    private static ObjectNode body(String outcome) {
        return ShiplaneJson.mapper().createObjectNode().put("outcome", outcome);
    }

    private static Reply reply(String outcome, int status, ObjectNode body) {
        return reply(outcome, status, body, 0);
    }

    /** @param retryAfterSeconds a {@code Retry-After} header's seconds, or 0 for none */
    private static Reply reply(String outcome, int status, ObjectNode body, long retryAfterSeconds) {
        var document = ShiplaneJson.mapper().createObjectNode().put("statusCode", status);
        var headers = document.putObject("headers").put("content-type", "application/json");
        if (retryAfterSeconds > 0) headers.put("retry-after", Long.toString(retryAfterSeconds));
        document.put("body", ShiplaneJson.write(body));
        return new Reply(outcome, ShiplaneJson.write(document).getBytes(StandardCharsets.UTF_8));
    }
}
