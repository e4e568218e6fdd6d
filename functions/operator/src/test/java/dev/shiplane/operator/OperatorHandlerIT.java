package dev.shiplane.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.aws.DynamoDbRequestClaims;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator function end to end against the emulator, with the request shapes AWS documents for an AWS_IAM
 * Function URL (events/operator): the verified caller in, the repository's shiplane.yml deciding, the request on the
 * bus (or Request Refused) and freezes and request ids in the ledger table out. shiplane.yml runs staging and prod in
 * two accounts, so each account's operator entry is built as its delivery stack deploys it: in its account, with its
 * own bus and ledger, serving its own environment ({@code SHIPLANE_SERVED_ENVIRONMENTS}); prod's requests come from
 * prod-account identities, as prod's operators are listed.
 */
@ExtendWith(EmulatorExtension.class)
class OperatorHandlerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROD_ACCOUNT = "210987654321";
    static final String SSO_RELEASER =
            "arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev";

    /** Staging's account (moto's default) and prod's, each with its delivery stack's bus and ledger. */
    TestAws aws;
    TestAws prodAws;
    BusTap tap;
    BusTap prodTap;
    /** Staging's operator entry and prod's. */
    OperatorHandler operator;
    OperatorHandler prodOperator;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        prodAws = aws.inAccount(PROD_ACCOUNT);
        for (var account : List.of(aws, prodAws)) {
            account.createLedgerTable("shiplane-ledger");
            account.createBus("shiplane");
        }
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        prodTap = prodAws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        operator = new OperatorHandler(environment());
        prodOperator = new OperatorHandler(prodEnvironment());
    }

    /** Staging's operator entry, as the primary account's stack sets it. */
    Map<String, String> environment() {
        return aws.environment(Map.of("SHIPLANE_BUS_NAME", "shiplane",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger", "POWERTOOLS_METRICS_DISABLED", "true",
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString(),
                "SHIPLANE_SERVED_ENVIRONMENTS", "staging"));
    }

    /** Prod's operator entry, in prod's account, as prod's stack sets it. */
    Map<String, String> prodEnvironment() {
        return prodAws.environment(Map.of("SHIPLANE_BUS_NAME", "shiplane",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger", "POWERTOOLS_METRICS_DISABLED", "true",
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString(),
                "SHIPLANE_SERVED_ENVIRONMENTS", "prod"));
    }

    record Http(int status, JsonNode body, JsonNode headers) {}

    Http post(byte[] invocation) throws IOException {
        return post(operator, invocation);
    }

    Http post(OperatorHandler handler, byte[] invocation) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(invocation), out, LocalContext.of("operator"));
        var document = JSON.readTree(out.toByteArray());
        return new Http(document.get("statusCode").asInt(), JSON.readTree(document.get("body").asText()),
                document.get("headers"));
    }

    /** What reached staging's bus since the last call, in order. */
    List<JsonNode> events() throws IOException {
        return events(tap);
    }

    /** What reached prod's bus since the last call, in order. */
    List<JsonNode> prodEvents() throws IOException {
        return events(prodTap);
    }

    static List<JsonNode> events(BusTap tap) throws IOException {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (var json : tap.drain()) events.add(JSON.readTree(json));
        return events;
    }

    static byte[] sample(String name) throws IOException {
        return RepoFiles.bytes("events/operator/" + name);
    }

    /** The sample with its JSON body's fields replaced. */
    static byte[] withBody(String name, Map<String, Object> fields) throws IOException {
        var envelope = (ObjectNode) JSON.readTree(sample(name));
        var body = (ObjectNode) JSON.readTree(envelope.get("body").asText());
        fields.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        envelope.put("body", JSON.writeValueAsString(body));
        return JSON.writeValueAsBytes(envelope);
    }

    @Test
    void identityCenterReleaser_deploysToProd_asTheVerifiedSession() throws Exception {
        var answer = post(prodOperator, sample("function-url-request-sso-role.json"));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
        assertThat(answer.body().path("detailType").asText()).isEqualTo("Deploy Requested");
        assertThat(events()).as("staging's bus").isEmpty();
        var events = prodEvents();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().path("detail-type").asText()).isEqualTo("Deploy Requested");
        assertThat(events.getFirst().path("detail").path("requestedBy").asText()).isEqualTo(SSO_RELEASER);
        assertThat(events.getFirst().path("detail").path("tag").asText()).isEqualTo("1.5.0");
    }

    @Test
    void requestForAnEnvironmentServedByAnotherAccount_isAnswered421_andChangesNothing() throws Exception {
        var answer = post(operator, sample("function-url-request-sso-role.json"));

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(421);
        assertThat(answer.body().path("outcome").asText()).isEqualTo("not-served");
        assertThat(answer.body().path("reason").asText())
                .isEqualTo("prod is served by another account's delivery stack (this one serves staging)");
        assertThat(events()).isEmpty();
        assertThat(aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items()).isEmpty();
        assertThat(prodEvents()).isEmpty();
        assertThat(prodAws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items()).isEmpty();
    }

    @Test
    void withoutItsServedEnvironments_theFunctionRefusesToStart_namingTheVariable() {
        var unscoped = new java.util.HashMap<>(prodEnvironment());
        unscoped.remove("SHIPLANE_SERVED_ENVIRONMENTS");

        // shiplane.yml names accounts: serving every environment from one account is never the default
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OperatorHandler(unscoped))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SHIPLANE_SERVED_ENVIRONMENTS is not set");
    }

    @Test
    void developerRole_isRefusedProd_with403_andTheAttemptIsAnnounced() throws Exception {
        var answer = post(prodOperator, sample("function-url-request-assumed-role.json"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("action").asText()).isEqualTo("deploy");
        assertThat(answer.body().path("env").asText()).isEqualTo("prod");
        assertThat(answer.body().path("requestedBy").asText())
                .isEqualTo("arn:aws:sts::210987654321:assumed-role/Developer/dev");
        var events = prodEvents();
        assertThat(events).extracting(e -> e.path("detail-type").asText()).containsExactly("Request Refused");
        assertThat(events.getFirst().path("detail").path("why").asText())
                .startsWith("not among the operators allowed this action");
    }

    @Test
    void iamUser_rollsBackStaging_asItself_whateverTheBodyClaims() throws Exception {
        var answer = post(sample("function-url-request-iam-user.json"));

        assertThat(answer.status()).isEqualTo(202);
        var event = events().getFirst();
        assertThat(event.path("detail-type").asText()).isEqualTo("Rollback Requested");
        assertThat(event.path("detail").path("all").asBoolean()).isTrue();
        assertThat(event.path("detail").path("requestedBy").asText()).isEqualTo("arn:aws:iam::123456789012:user/ops");
    }

    @Test
    void sameRequestIdAgain_isAnsweredButPutOnce() throws Exception {
        post(prodOperator, sample("function-url-request-sso-role.json"));
        var again = post(prodOperator, sample("function-url-request-sso-role.json"));
        var refusedTwice = List.of(post(prodOperator, sample("function-url-request-assumed-role.json")),
                post(prodOperator, sample("function-url-request-assumed-role.json")));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("outcome").asText()).isEqualTo("repeated");
        assertThat(again.body().path("firstOutcome").asText()).isEqualTo("accepted");
        assertThat(refusedTwice).extracting(Http::status).containsExactly(403, 403);
        assertThat(prodEvents()).extracting(e -> e.path("detail-type").asText())
                .containsExactly("Deploy Requested", "Request Refused");
    }

    @Test
    void releaserFreezesProd_inTheLedger_andOnCallMayNotLiftIt() throws Exception {
        var frozen = post(prodOperator, withBody("function-url-request-sso-role.json", Map.of("action", "freeze",
                "until", "2099-01-01T00:00:00Z", "reason", "incident 42", "requestId", "freeze-1")));
        var item = prodAws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("FREEZE#prod"), "sk", AttributeValue.fromS("FREEZE")))).item();

        assertThat(frozen.status()).as(frozen.body().toString()).isEqualTo(202);
        assertThat(item.get("requestedBy").s()).isEqualTo(SSO_RELEASER);
        var developer = post(prodOperator, withBody("function-url-request-assumed-role.json", Map.of(
                "action", "unfreeze", "requestId", "unfreeze-1")));
        assertThat(developer.status()).isEqualTo(403);
        assertThat(prodAws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("FREEZE#prod"), "sk", AttributeValue.fromS("FREEZE")))).hasItem()).isTrue();
        assertThat(prodEvents()).extracting(e -> e.path("detail-type").asText())
                .containsExactly("Freeze Started", "Request Refused");
    }

    @Test
    void requestWithoutAVerifiedCaller_isAnswered401_andChangesNothing() throws Exception {
        var envelope = (ObjectNode) JSON.readTree(sample("function-url-request-sso-role.json"));
        ((ObjectNode) envelope.get("requestContext")).remove("authorizer");

        var answer = post(prodOperator, JSON.writeValueAsBytes(envelope));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(prodEvents()).isEmpty();
    }

    @Test
    void unknownServiceOrAction_isAnswered400() throws Exception {
        assertThat(post(prodOperator, withBody("function-url-request-sso-role.json", Map.of("service", "billing")))
                .status()).isEqualTo(400);
        assertThat(post(prodOperator, withBody("function-url-request-sso-role.json", Map.of("action", "ship")))
                .status()).isEqualTo(400);
        assertThat(prodEvents()).isEmpty();
    }

    @Test
    void claimLeftByACrashedInvocation_isAnswered409UntilItsLease_thenTheRetryCarriesTheRollbackOut()
            throws Exception {
        var request = sample("function-url-request-iam-user.json");
        var requestId = JSON.readTree(JSON.readTree(request).get("body").asText()).path("requestId").asText();
        var crashedAt = Instant.parse("2026-12-06T12:00:00Z");
        // what an invocation that crashed between its claim and the bus left behind: the claim, in progress
        var claimKey = "arn:aws:iam::123456789012:user/ops:" + requestId;
        new DynamoDbRequestClaims(aws.dynamo(), "shiplane-ledger")
                .claim(claimKey, "crashed-invocation", crashedAt.plusSeconds(60), crashedAt.plusSeconds(86_400));

        var during = post(new OperatorHandler(environment(), Clock.fixed(crashedAt.plusSeconds(20), ZoneOffset.UTC)),
                request);

        assertThat(during.status()).as(during.body().toString()).isEqualTo(409);
        assertThat(during.body().path("outcome").asText()).isEqualTo("in-progress");
        assertThat(during.body().path("retryAfter").asText()).isEqualTo("2026-12-06T12:01:00Z");
        assertThat(during.headers().path("retry-after").asText()).isEqualTo("41");
        assertThat(events()).isEmpty();

        var after = post(new OperatorHandler(environment(), Clock.fixed(crashedAt.plusSeconds(61), ZoneOffset.UTC)),
                request);

        assertThat(after.status()).as(after.body().toString()).isEqualTo(202);
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Rollback Requested");
        var item = aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("DELIVERY#operator-request:" + claimKey),
                "sk", AttributeValue.fromS("DELIVERY")))).item();
        assertThat(item.get("state").s()).isEqualTo("done");
        assertThat(item.get("outcome").s()).isEqualTo("accepted");
        assertThat(item.get("detailType").s()).isEqualTo("Rollback Requested");
        assertThat(item.get("holder").s()).isNotEqualTo("crashed-invocation");
    }
}
