package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.sandbox.iam.IamEnforcement;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * A function's role on moto with IAM enforced, made from a template as the sandbox makes every function's: what the
 * template allows goes through, what it does not is refused and recorded against the function, and the harness keeps
 * its own administrator rights throughout.
 */
class FunctionRolesIT {

    private static MotoServer moto;
    private static IamEnforcement iam;
    private static TestAws harness;

    private static final String TEMPLATE = """
            {"Resources": {
              "NotifyFunction": {"Type": "AWS::Lambda::Function", "Properties": {
                "Handler": "dev.shiplane.notify.NotifyFunction::handleRequest",
                "Role": {"Fn::GetAtt": ["NotifyRole", "Arn"]},
                "Environment": {"Variables": {"POWERTOOLS_SERVICE_NAME": "notify"}}}},
              "NotifyRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
              "NotifyPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
                "Roles": [{"Ref": "NotifyRole"}],
                "PolicyDocument": {"Statement": [
                  {"Effect": "Allow", "Action": "events:PutEvents",
                   "Resource": {"Fn::Join": ["", ["arn:aws:events:us-east-1:", {"Ref": "AWS::AccountId"},
                                                  ":event-bus/shiplane"]]}},
                  {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                   "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/ledger"}]}}}
            }}
            """;

    @BeforeAll
    static void enforce() {
        moto = MotoServer.start();
        iam = IamEnforcement.switchOn(moto);
        harness = new TestAws(iam);
        harness.createBus("shiplane");
        harness.createLedgerTable("ledger");
    }

    @AfterAll
    static void stop() {
        moto.stop();
    }

    @Test
    void aFunctionDoesWhatItsTemplateAllows_andIsRefusedTheRest_eachRefusalNamed(@TempDir Path dir) throws Exception {
        var file = dir.resolve("template.json");
        Files.writeString(file, TEMPLATE);
        var template = CloudTemplate.read(file);
        var roles = new FunctionRoles(harness, template, iam);
        var env = roles.environment(template.function("NotifyFunction"), harness.environment(Map.of()));

        var credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(env.get("AWS_ACCESS_KEY_ID"),
                env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN")));
        var events = EventBridgeClient.builder().endpointOverride(URI.create(iam.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();
        var dynamo = DynamoDbClient.builder().endpointOverride(URI.create(iam.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build();

        var put = events.putEvents(r -> r.entries(e -> e.eventBusName("shiplane").source("shiplane")
                .detailType("Deployment Started").detail("{}")));
        assertThat(put.failedEntryCount()).isZero();
        assertThat(dynamo.query(r -> r.tableName("ledger").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SVC#x")))).count()).isZero();
        assertThat(iam.denials()).isEmpty();

        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName("ledger")
                .item(Map.of("pk", AttributeValue.fromS("SVC#x"), "sk", AttributeValue.fromS("HEAD")))))
                .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(iam.denials()).singleElement().hasToString("function notify (role NotifyRole) may not dynamodb:PutItem");
        assertThat(harness.dynamo().scan(r -> r.tableName("ledger")).count())
                .as("the refused write changed nothing; the harness still reads as administrator").isZero();

        // moto's reset would remove the harness's administrator while IAM is enforced
        assertThatThrownBy(iam::reset).isInstanceOf(IllegalStateException.class);
    }
}
