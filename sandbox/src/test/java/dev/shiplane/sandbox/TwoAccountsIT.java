package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.sandbox.iam.IamEnforcement;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Two accounts on one moto with IAM enforced, as the sandbox runs staging and prod: the harness administers each with
 * that account's own credentials, neither sees the other's resources, and a rule forwarding to the other account's
 * bus delivers what its pattern matches with the sender's envelope (same id, the sender's account), as EventBridge
 * does and moto does not.
 */
class TwoAccountsIT {

    private static final String PROD = "210987654321";
    private static final String STAGING = AwsEmulator.ACCOUNT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static IamEnforcement iam;
    private static TestAws staging;
    private static TestAws prod;

    /** The source stack's forwarding rule, as the CDK writes a cross-account bus target. */
    private static final String STAGING_TEMPLATE = """
            {"Resources": {
              "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "shiplane"}},
              "ForwardPromotionsTo210987654321": {"Type": "AWS::Events::Rule", "Properties": {
                "EventBusName": {"Ref": "Bus"},
                "EventPattern": {"source": ["shiplane"], "detail-type": ["Promotion Cleared"],
                                 "detail": {"toEnv": ["prod"]}},
                "Targets": [{"Id": "Target0",
                  "Arn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":events:",
                          {"Ref": "AWS::Region"}, ":210987654321:event-bus/shiplane"]]},
                  "RoleArn": {"Fn::GetAtt": ["ForwardRole", "Arn"]}}]}},
              "ForwardRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}}
            }}
            """;

    @BeforeAll
    static void twoAccounts() {
        moto = MotoServer.start();
        iam = IamEnforcement.switchOn(moto, List.of(PROD));
        staging = new TestAws(iam.in(STAGING));
        prod = new TestAws(iam.in(PROD));
    }

    @AfterAll
    static void stop() {
        moto.stop();
    }

    @Test
    void eachAccountsAdministrator_actsInItsOwnAccount_andSeesOnlyItsResources() {
        assertThat(staging.build(StsClient.builder()).getCallerIdentity().account()).isEqualTo(STAGING);
        assertThat(prod.build(StsClient.builder()).getCallerIdentity().account()).isEqualTo(PROD);

        prod.createLedgerTable("prod-only-ledger");
        assertThat(prod.dynamo().listTables().tableNames()).contains("prod-only-ledger");
        assertThat(staging.dynamo().listTables().tableNames()).doesNotContain("prod-only-ledger");
        assertThat(iam.denials()).isEmpty();
    }

    @Test
    void aFunctionRoleOfProd_isMadeAndAssumedInProd(@TempDir Path dir) throws Exception {
        var file = dir.resolve("prod.template.json");
        Files.writeString(file, """
                {"Resources": {
                  "NotifyFunction": {"Type": "AWS::Lambda::Function", "Properties": {
                    "Handler": "dev.shiplane.notify.NotifyFunction::handleRequest",
                    "Role": {"Fn::GetAtt": ["NotifyRole", "Arn"]}, "Environment": {"Variables": {}}}},
                  "NotifyRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
                  "NotifyPolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "NotifyRole"}],
                    "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:GetCallerIdentity",
                                                      "Resource": "*"}]}}}
                }}
                """);
        var template = CloudTemplate.read(file, PROD);
        var roles = new FunctionRoles(prod, template, iam, PROD);

        var env = roles.environment(template.function("NotifyFunction"), java.util.Map.of());

        var caller = software.amazon.awssdk.services.sts.StsClient.builder()
                .endpointOverride(java.net.URI.create(moto.endpoint()))
                .region(software.amazon.awssdk.regions.Region.of(AwsEmulator.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"),
                                env.get("AWS_SESSION_TOKEN"))))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()
                .getCallerIdentity();
        assertThat(caller.account()).isEqualTo(PROD);
        assertThat(caller.arn()).startsWith("arn:aws:sts::" + PROD + ":assumed-role/NotifyRole/");
        assertThat(iam.denials()).isEmpty();
    }

    @Test
    void forwardingRule_deliversWhatItMatches_keepingTheSendersEnvelope(@TempDir Path dir) throws Exception {
        var file = dir.resolve("staging.template.json");
        Files.writeString(file, STAGING_TEMPLATE);
        var template = CloudTemplate.read(file, STAGING);
        assertThat(template.rules()).as("a bus target is no function").isEmpty();
        staging.createBus("shiplane");
        prod.createBus("shiplane");
        // prod's deploy function listens for promotions from staging's account only
        var fromStaging = prod.tap("shiplane", "deploy-promotion-cleared",
                "{\"source\":[\"shiplane\"],\"detail-type\":[\"Promotion Cleared\"],\"account\":[\"" + STAGING + "\"]}");
        var fromProd = prod.tap("shiplane", "promotion-cleared-from-prod",
                "{\"source\":[\"shiplane\"],\"detail-type\":[\"Promotion Cleared\"],\"account\":[\"" + PROD + "\"]}");
        var sent = staging.tap("shiplane", "staging-timeline", "{\"source\":[\"shiplane\"]}");
        var dispatcher = new Dispatcher(staging, "shiplane", STAGING);
        var forwarding = CrossAccountForwarding.provision(staging, template, dispatcher, account -> {
            assertThat(account).isEqualTo(PROD);
            return prod;
        });

        publish("Promotion Cleared", "{\"fromEnv\":\"staging\",\"toEnv\":\"prod\",\"service\":\"web\"}");
        publish("Promotion Cleared", "{\"fromEnv\":\"staging\",\"toEnv\":\"qa\",\"service\":\"web\"}");
        publish("Deployment Started", "{\"env\":\"staging\",\"service\":\"web\"}");
        var onStagingBus = sent.drain().stream().map(TwoAccountsIT::read)
                .filter(e -> e.path("detail").path("toEnv").asText().equals("prod")).toList();

        var crossed = forwarding.deliver();

        assertThat(crossed).singleElement().satisfies(f -> {
            assertThat(f.fromAccount()).isEqualTo(STAGING);
            assertThat(f.toAccount()).isEqualTo(PROD);
            assertThat(f.matchedRules()).containsExactlyInAnyOrder("deploy-promotion-cleared");
        });
        var arrived = fromStaging.drain().stream().map(TwoAccountsIT::read).toList();
        assertThat(arrived).singleElement().satisfies(event -> {
            assertThat(event.path("id").asText()).isEqualTo(onStagingBus.getFirst().path("id").asText());
            assertThat(event.path("account").asText()).isEqualTo(STAGING);
            assertThat(event.path("detail").path("toEnv").asText()).isEqualTo("prod");
        });
        assertThat(fromProd.drain()).isEmpty();
        assertThat(forwarding.deliver()).isEmpty();
        assertThat(iam.denials()).isEmpty();
    }

    private static void publish(String detailType, String detail) {
        var response = staging.events().putEvents(r -> r.entries(e -> e.eventBusName("shiplane").source("shiplane")
                .detailType(detailType).detail(detail)));
        assertThat(response.failedEntryCount()).isZero();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
