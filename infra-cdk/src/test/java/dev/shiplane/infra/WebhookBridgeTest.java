package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

class WebhookBridgeTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        new WebhookBridge(stack, "Webhook", WebhookBridgeProps.builder()
                .code(webhookCode())
                .bus(core.getBus())
                .ledger(core.getLedger())
                .build());
        template = Template.fromStack(stack);
    }

    /** The real jar, as the app uses it: the reactor builds functions/webhook before this module. */
    static Code webhookCode() {
        return Code.fromAsset(RepositoryLayout.locate().webhookPackage().toString());
    }

    @Test
    void function_runsLikeEveryShiplaneFunction_andAnswersWithinGitHubsTimeout() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", "dev.shiplane.webhook.WebhookHandler::handleRequest",
                "Timeout", 10,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.stringLikeRegexp("^WebhookLogGroup")))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    }

    @Test
    void environment_namesTheSecretsArn_neverItsValue() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Match.exact(Map.of(
                        "SHIPLANE_BUS_NAME", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                        "SHIPLANE_LEDGER_TABLE", Map.of("Ref", Match.stringLikeRegexp("^CoreLedger")),
                        "SHIPLANE_WEBHOOK_SECRET_ARN", Map.of("Ref", Match.stringLikeRegexp("^WebhookSecret")),
                        "SHIPLANE_WEBHOOK_MAX_BODY_BYTES", "1048576",
                        "SHIPLANE_WEBHOOK_REPLAY_SECONDS", "2592000",
                        "SHIPLANE_WEBHOOK_SECRET_CACHE_SECONDS", "60",
                        "POWERTOOLS_SERVICE_NAME", "shiplane-webhook",
                        "POWERTOOLS_METRICS_NAMESPACE", "shiplane",
                        "POWERTOOLS_LOG_LEVEL", "INFO")))));
    }

    @Test
    void secret_isGenerated_neverWrittenIntoTheTemplate() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "shiplane/github-webhook",
                "GenerateSecretString", Map.of("PasswordLength", 40, "ExcludePunctuation", true),
                "SecretString", Match.absent()));
    }

    @Test
    void url_isPublicOnTheLiveAlias_becauseTheSignatureIsTheAuthentication() {
        template.hasResourceProperties("AWS::Lambda::Url", Map.of(
                "AuthType", "NONE",
                "InvokeMode", "BUFFERED",
                "Qualifier", "live",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Webhook"), "Arn"))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunctionUrl",
                "FunctionUrlAuthType", "NONE",
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("^WebhookLiveAlias")),
                "Principal", "*"));
        // Lambda also requires lambda:InvokeFunction for a public URL; CDK limits it to calls made through the URL.
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "InvokedViaFunctionUrl", true,
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("^WebhookLiveAlias")),
                "Principal", "*"));
    }

    @Test
    void role_mayReadOneSecret_putEventsOnTheBus_andWriteOnlyDeliveryClaims() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^WebhookServiceRole"))),
                "PolicyDocument", Map.of("Statement", Match.exact(List.of(
                        Map.of("Action", "secretsmanager:GetSecretValue", "Effect", "Allow",
                                "Resource", Map.of("Ref", Match.stringLikeRegexp("^WebhookSecret"))),
                        Map.of("Action", "events:PutEvents", "Effect", "Allow",
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreBus"), "Arn"))),
                        Map.of("Action", List.of("dynamodb:PutItem", "dynamodb:DeleteItem"), "Effect", "Allow",
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("DELIVERY#*"))),
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreLedger"), "Arn"))))))));
    }

    @Test
    void nothingGrantsAWildcardResource() {
        var policies = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Resource", "*"))))))));
        assertThat(policies).isEmpty();
    }

    /** The bridge with a GitHub token secret of the user's and a GitHub Enterprise Server API. */
    static Template withGitHubToken() {
        var stack = new Stack(new App(), "TokenTest");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        new WebhookBridge(stack, "Webhook", WebhookBridgeProps.builder()
                .code(webhookCode())
                .bus(core.getBus())
                .ledger(core.getLedger())
                .gitHubTokenSecretName("shiplane/github-token")
                .gitHubApiUrl("https://ghe.example.com/api/v3")
                .build());
        return Template.fromStack(stack);
    }

    @Test
    void withoutAGitHubToken_theFunctionIsToldOfNone_andMayReadNoOtherSecret() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.webhook.WebhookHandler::handleRequest",
                "Environment", Map.of("Variables", Map.of(
                        "SHIPLANE_GITHUB_TOKEN_SECRET_ID", Match.absent(),
                        "SHIPLANE_GITHUB_API_URL", Match.absent()))));
    }

    @Test
    void aGitHubToken_isNamedToTheFunction_neverItsValue_andTheApiUrlWithIt() {
        withGitHubToken().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.shiplane.webhook.WebhookHandler::handleRequest",
                "Environment", Map.of("Variables", Map.of(
                        "SHIPLANE_GITHUB_TOKEN_SECRET_ID", "shiplane/github-token",
                        "SHIPLANE_GITHUB_API_URL", "https://ghe.example.com/api/v3"))));
    }

    @Test
    void aGitHubToken_isReadableByTheWebhookFunction_exactlyThatSecret() {
        var tokenArn = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":secretsmanager:", Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"),
                ":secret:shiplane/github-token-??????")));
        withGitHubToken().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^WebhookServiceRole"))),
                "PolicyDocument", Map.of("Statement", Match.exact(List.of(
                        Map.of("Action", "secretsmanager:GetSecretValue", "Effect", "Allow",
                                "Resource", Map.of("Ref", Match.stringLikeRegexp("^WebhookSecret"))),
                        Map.of("Action", "secretsmanager:GetSecretValue", "Effect", "Allow",
                                "Resource", tokenArn),
                        Map.of("Action", "events:PutEvents", "Effect", "Allow",
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreBus"), "Arn"))),
                        Map.of("Action", List.of("dynamodb:PutItem", "dynamodb:DeleteItem"), "Effect", "Allow",
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("DELIVERY#*"))),
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreLedger"), "Arn"))))))));
        // Imported, not created: the token is GitHub's to issue, the secret the user's to fill.
        withGitHubToken().resourceCountIs("AWS::SecretsManager::Secret", 1);
    }
}
