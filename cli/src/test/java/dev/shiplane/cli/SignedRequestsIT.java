package dev.shiplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.operator.OperatorHandler;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The CLI with the operator function's URL: each request signed (SigV4, service lambda) with the operator's own
 * credentials, the Function URL's part played by {@link FunctionUrlStandIn} on the emulator's STS, the real operator
 * function deciding with the repository's shiplane.yml (prod lists its operators; staging does not).
 */
@ExtendWith(EmulatorExtension.class)
class SignedRequestsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RELEASERS = "arn:aws:iam::123456789012:role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b";
    static final String DEVELOPER = "arn:aws:iam::123456789012:role/Developer";

    TestAws aws;
    BusTap tap;
    FunctionUrlStandIn url;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void world(TestAws aws) throws Exception {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        url = new FunctionUrlStandIn(new OperatorHandler(aws.environment(Map.of("SHIPLANE_BUS_NAME", "shiplane",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger", "POWERTOOLS_METRICS_DISABLED", "true",
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString()))), aws.environment(Map.of()));
    }

    @AfterEach
    void stop() {
        url.close();
    }

    /** The CLI run as a session of {@code role}, with the operator URL set. */
    Run shiplaneAs(String role, String session, String... args) {
        var credentials = aws.build(StsClient.builder()).assumeRole(r -> r.roleArn(role).roleSessionName(session))
                .credentials();
        var env = new HashMap<>(aws.environment(Map.of("SHIPLANE_CONFIG_FILE",
                RepoFiles.path("shiplane.yml").toString(), OperatorEntry.URL_ENV, url.url())));
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        var out = new StringWriter();
        var err = new StringWriter();
        int code = ShiplaneCli.commandLine(env, new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (var body : tap.drain()) events.add(JSON.readTree(body));
        return events;
    }

    @Test
    void releaser_deploysToProd_namedAsTheSessionAwsVerified() throws Exception {
        var run = shiplaneAs(RELEASERS, "ana@monynha.dev", "deploy", "prod", "web", "1.5.0", "--reason", "release");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Deploy Requested put on the bus",
                "assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev");
        var event = events().getFirst();
        assertThat(event.path("detail-type").asText()).isEqualTo("Deploy Requested");
        assertThat(event.path("detail").path("requestedBy").asText()).isEqualTo(
                "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana@monynha.dev");
        assertThat(event.path("detail").path("reason").asText()).isEqualTo("release");
    }

    @Test
    void developer_isRefusedProd_exits4_andTheRefusalIsAnnounced() throws Exception {
        var run = shiplaneAs(DEVELOPER, "dev", "rollback", "prod", "--all");

        assertThat(run.code()).isEqualTo(ShiplaneCli.REFUSED);
        assertThat(run.err()).contains("refused: rollback in prod as arn:aws:sts::123456789012:assumed-role/Developer/dev",
                "not among the operators allowed this action");
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Request Refused");
    }

    @Test
    void developer_mayActOnStaging_whichListsNoOperators() throws Exception {
        var run = shiplaneAs(DEVELOPER, "dev", "pause", "staging", "api");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(events()).extracting(e -> e.path("detail-type").asText()).containsExactly("Pause Requested");
    }

    @Test
    void freezeGoesThroughTheEntry_intoTheLedger_asTheVerifiedCaller() throws Exception {
        var run = shiplaneAs(RELEASERS, "ana", "freeze", "prod", "--until", "2h", "--reason", "incident 42");
        var refused = shiplaneAs(DEVELOPER, "dev", "unfreeze", "prod");

        assertThat(run.code()).as(run.err()).isZero();
        var item = aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("FREEZE#prod"), "sk", AttributeValue.fromS("FREEZE")))).item();
        assertThat(item.get("requestedBy").s())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Releasers_0a1b2c3d4e5f6a7b/ana");
        assertThat(refused.code()).isEqualTo(ShiplaneCli.REFUSED);
        assertThat(events()).extracting(e -> e.path("detail-type").asText())
                .containsExactly("Freeze Started", "Request Refused");
    }
}
