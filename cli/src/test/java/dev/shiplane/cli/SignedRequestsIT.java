package dev.shiplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The CLI's one way to act: each request signed (SigV4, service lambda) with the operator's own credentials and sent
 * to the operator entry (its URL given, or the delivery stack's output), the Function URL's part played by
 * {@link dev.shiplane.testkit.FunctionUrlStandIn}, the real operator function deciding with the repository's
 * shiplane.yml (prod lists its operators; staging does not). staging and prod are in separate accounts there, each
 * with its own entry, ledger and bus: a request about prod is made with credentials of prod's account, through prod's
 * entry (with staging's credentials the CLI refuses it before signing anything, ShiplaneCliIT).
 */
@ExtendWith(EmulatorExtension.class)
class SignedRequestsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEVELOPER = "arn:aws:iam::123456789012:role/Developer";
    /** The releasers' permission set and a developer's role in prod's account, where prod's operators are. */
    static final String PROD_RELEASERS = "arn:aws:iam::210987654321:role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b";
    static final String PROD_DEVELOPER = "arn:aws:iam::210987654321:role/Developer";

    TestAws aws;
    BusTap tap;
    /** staging's entry, in staging's account (moto's default), where {@link #aws} acts. */
    OperatorEntryWorld entry;
    /** prod's entry, ledger and bus, in prod's account. */
    OperatorEntryWorld prod;
    BusTap prodTap;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void world(TestAws aws) throws Exception {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        entry = new OperatorEntryWorld(aws);
        prod = new OperatorEntryWorld(aws, OperatorEntryWorld.PROD_ACCOUNT);
        prodTap = prod.provisionLedgerAndBus();
    }

    @AfterEach
    void stop() {
        entry.close();
        prod.close();
    }

    /** The CLI run as a session of {@code role}, with the operator URL set. */
    Run shiplaneAs(String role, String session, String... args) {
        return shiplane(entry.as(role, session), args);
    }

    /** The CLI run as a session of {@code role} of prod's account, with prod's operator URL set. */
    Run shiplaneInProdAs(String role, String session, String... args) {
        return shiplane(prod.as(role, session), args);
    }

    /** The waits between attempts the CLI would have slept. */
    final List<java.time.Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();

    Run shiplane(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = ShiplaneCli.commandLine(env, new PrintWriter(out), new PrintWriter(err));
        ((ShiplaneCli) cli.getCommand()).sleeper = waits::add;
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    List<JsonNode> events() throws Exception {
        return read(tap);
    }

    /** What shiplane published on prod's bus. */
    List<JsonNode> prodEvents() throws Exception {
        return read(prodTap);
    }

    static List<JsonNode> read(BusTap tap) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (var body : tap.drain()) events.add(JSON.readTree(body));
        return events;
    }

    @Test
    void releaser_deploysToProd_namedAsTheSessionAwsVerified() throws Exception {
        var run = shiplaneInProdAs(PROD_RELEASERS, "ana@monynha.dev", "deploy", "prod", "web", "1.5.0", "--reason",
                "release");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Deploy Requested put on the bus",
                "assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev");
        var event = prodEvents().getFirst();
        assertThat(event.path("detail-type").asText()).isEqualTo("Deploy Requested");
        assertThat(event.path("detail").path("requestedBy").asText()).isEqualTo(
                "arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev");
        assertThat(event.path("detail").path("reason").asText()).isEqualTo("release");
        assertThat(events()).as("staging's bus").isEmpty();
    }

    @Test
    void developer_isRefusedProd_exits4_andTheRefusalIsAnnounced() throws Exception {
        var run = shiplaneInProdAs(PROD_DEVELOPER, "dev", "rollback", "prod", "--all");

        assertThat(run.code()).as(run.err()).isEqualTo(ShiplaneCli.REFUSED);
        assertThat(run.err()).contains("refused: rollback in prod as arn:aws:sts::210987654321:assumed-role/Developer/dev",
                "not among the operators allowed this action");
        assertThat(prodEvents()).extracting(e -> e.path("detail-type").asText()).containsExactly("Request Refused");
    }

    @Test
    void developer_mayActOnStaging_whichListsNoOperators() throws Exception {
        var run = shiplaneAs(DEVELOPER, "dev", "pause", "staging", "api");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Pause Requested");
    }

    @Test
    void freezeGoesThroughTheEntry_intoTheLedger_asTheVerifiedCaller() throws Exception {
        var run = shiplaneInProdAs(PROD_RELEASERS, "ana", "freeze", "prod", "--until", "2h", "--reason", "incident 42");
        var refused = shiplaneInProdAs(PROD_DEVELOPER, "dev", "unfreeze", "prod");

        assertThat(run.code()).as(run.err()).isZero();
        var item = prod.aws().dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("FREEZE#prod"), "sk", AttributeValue.fromS("FREEZE")))).item();
        assertThat(item.get("requestedBy").s())
                .isEqualTo("arn:aws:sts::210987654321:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana");
        assertThat(refused.code()).as(refused.err()).isEqualTo(ShiplaneCli.REFUSED);
        assertThat(prodEvents()).extracting(e -> e.path("detail-type").asText())
                .containsExactly("Freeze Started", "Request Refused");
    }

    @Test
    void withoutAUrl_theEntryIsTheDeliveryStacksOutput_inTheCallersAccount() throws Exception {
        var cloudFormation = aws.build(CloudFormationClient.builder());
        cloudFormation.createStack(r -> r.stackName("ShiplaneDelivery").templateBody("""
                {"Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                 "Outputs": {"OperatorUrl": {"Value": "%s"}}}""".formatted(entry.url())));

        var run = shiplane(entry.withoutUrl(), "pause", "staging", "api", "--reason", "found by the stack");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Pause Requested");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy staging web 1.5.0", "rollback staging --all", "promote prod api",
            "abort staging web", "pause staging api", "resume staging api", "freeze staging --until 2h --reason x",
            "unfreeze prod"})
    void withoutAnEntry_everyOperatorAction_exits2NamingBothWays_andNothingChanges(String command) {
        // as an operator of the account of the environment the command is about
        var world = command.split(" ")[1].equals("prod") ? prod : entry;
        var run = shiplane(world.withoutUrl(), command.split(" "));

        assertThat(run.code()).isEqualTo(ShiplaneCli.USAGE);
        assertThat(run.err()).contains("no operator entry", "--operator-url", "SHIPLANE_OPERATOR_URL",
                "ShiplaneDelivery", "OperatorUrl");
        assertThat(tap.drain()).isEmpty();
        assertThat(prodTap.drain()).isEmpty();
        assertThat(aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).count()).isZero();
        assertThat(prod.aws().dynamo().scan(r -> r.tableName("shiplane-ledger")).count()).isZero();
    }

    @Test
    void aKeyAwsNeverIssued_isLambdasRefusal_notShiplanes_andReachesNothing() throws Exception {
        var env = new java.util.HashMap<>(entry.withUrl());
        env.put("AWS_ACCESS_KEY_ID", "AKIANEVERISSUED00000");

        var run = shiplane(env, "rollback", "staging", "--all");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("the operator entry answered 403", "security token included in the request"
                + " is invalid");
        assertThat(tap.drain()).isEmpty();
    }

    @Test
    void aSignatureMadeWithTheWrongSecret_isRefusedByLambda() throws Exception {
        var env = new java.util.HashMap<>(entry.withUrl());
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret-aws-issued-with-this-key");

        var run = shiplane(env, "pause", "staging", "api");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("the operator entry answered 403", "signature");
        assertThat(tap.drain()).isEmpty();
    }
    @Test
    void aLostAnswer_isRetriedUnderTheSameRequestId_andTheRollbackIsCarriedOutOnce() throws Exception {
        entry.loseAnswers(1);

        var run = shiplaneAs(DEVELOPER, "dev", "rollback", "staging", "web");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(entry.requestIds()).hasSize(2).containsOnly(entry.requestIds().getFirst());
        assertThat(waits).containsExactly(java.time.Duration.ofSeconds(1));
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Rollback Requested");
    }

    @Test
    void aBusyEntry_isAskedAgainAfterItsRetryAfter_underTheSameRequestId() throws Exception {
        entry.answerBusy(1, 7);

        var run = shiplaneAs(DEVELOPER, "dev", "deploy", "staging", "web", "1.5.0", "--request-id", "d-1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Deploy Requested put on the bus");
        assertThat(entry.requestIds()).containsExactly("d-1", "d-1");
        assertThat(waits).containsExactly(java.time.Duration.ofSeconds(7));
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Deploy Requested");
    }

    @Test
    void anEntryThatKeepsFailing_exits1_namingTheRequestIdToRetry_andThatRetryIsNotASecondRollback()
            throws Exception {
        entry.loseAnswers(EntryRetries.ATTEMPTS);

        var failed = shiplaneAs(DEVELOPER, "dev", "rollback", "staging", "web");

        assertThat(failed.code()).isEqualTo(ShiplaneCli.FAILED);
        assertThat(entry.requestIds()).hasSize(EntryRetries.ATTEMPTS);
        var id = entry.requestIds().getFirst();
        assertThat(failed.err()).contains("the operator entry answered 502", "--request-id " + id);
        assertThat(waits.stream().reduce(java.time.Duration.ZERO, java.time.Duration::plus))
                .isLessThanOrEqualTo(EntryRetries.MAX_TOTAL_WAIT);

        var retried = shiplaneAs(DEVELOPER, "dev", "rollback", "staging", "web", "--request-id", id);

        assertThat(retried.code()).as(retried.err()).isZero();
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Rollback Requested");
    }

    @Test
    void freezeAndUnfreeze_takeARequestId_soARetryIsAnsweredNotRepeated() throws Exception {
        shiplaneInProdAs(PROD_RELEASERS, "ana", "freeze", "prod", "--until", "2h", "--reason", "x", "--request-id",
                "f-1");
        var again = shiplaneInProdAs(PROD_RELEASERS, "ana", "freeze", "prod", "--until", "2h", "--reason", "x",
                "--request-id", "f-1");
        shiplaneInProdAs(PROD_RELEASERS, "ana", "unfreeze", "prod", "--request-id", "u-1");
        var unfreezeAgain = shiplaneInProdAs(PROD_RELEASERS, "ana", "unfreeze", "prod", "--request-id", "u-1");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(unfreezeAgain.code()).as(unfreezeAgain.err()).isZero();
        assertThat(prod.requestIds()).containsExactly("f-1", "f-1", "u-1", "u-1");
        assertThat(prodEvents()).extracting(e -> e.path("detail-type").asText())
                .containsExactly("Freeze Started", "Freeze Lifted");
    }
}
