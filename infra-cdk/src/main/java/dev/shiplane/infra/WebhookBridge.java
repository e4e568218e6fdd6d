package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.environment.WebhookEnvironment;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.InvokeMode;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The GHCR bridge: GitHub Container Registry emits no EventBridge events, so GitHub's {@code registry_package}
 * webhook is received by a function (child {@code Resource}) behind a Lambda Function URL on its alias
 * {@value SnapStartJavaFunction#ALIAS_NAME}, which verifies the delivery's signature and puts
 * {@code Image Pushed} on shiplane's bus. The webhook secret is a generated Secrets Manager secret (child
 * {@code Secret}); the function is told its ARN, never its value. With a GitHub token secret of the user's
 * (child {@code GitHubToken}, imported by name), the function may read it, to ask GitHub's Packages API for the
 * tags of a version whose delivered tag no environment admits.
 *
 * <p>A Function URL rather than an API Gateway HTTP API: one webhook needs no routes, stages, throttling plans or
 * custom domain, the URL costs nothing while idle, and an HTTP API would add a hop, a 30 s integration limit and
 * a resource policy without taking over any check the function must make on the raw body anyway.
 */
public final class WebhookBridge extends Construct {

    static final String HANDLER = "dev.shiplane.webhook.WebhookHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-webhook";
    /** The only ledger items the webhook may write: its delivery claims ({@code DynamoDbDeliveryRegistry}). */
    static final String LEDGER_KEY_PATTERN = "DELIVERY#*";

    private final Secret secret;
    private ISecret gitHubToken;
    private final Alias alias;
    private final FunctionUrl url;
    private final IFunction function;

    public WebhookBridge(Construct scope, String id, WebhookBridgeProps props) {
        super(scope, id);
        // Generated once and kept across deployments. Not rotated by shiplane: a new value must also be pasted into
        // GitHub's webhook settings, and the function accepts the previous value meanwhile (docs/DEPLOYING.md, "Connecting GHCR").
        secret = Secret.Builder.create(this, "Secret")
                .secretName(props.secretName())
                .description("shiplane: the secret GitHub signs webhook deliveries with; paste it into the webhook")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(40)
                        // GitHub's form takes any text, but a plain alphanumeric value survives copy and paste.
                        .excludePunctuation(true)
                        .build())
                .build();
        NagSuppressions.addResourceSuppressions(secret, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason("The webhook secret must also be pasted into GitHub's webhook settings, which no rotation"
                        + " function can do; it is rotated by hand, the function accepting the previous value"
                        + " meanwhile (docs/DEPLOYING.md: Connecting GHCR)")
                .build()));
        var environment = new LinkedHashMap<String, String>(Map.of(
                DeliveryEnvironment.BUS_NAME, props.bus().getEventBusName(),
                DeliveryEnvironment.LEDGER_TABLE, props.ledger().getTableName(),
                WebhookEnvironment.SECRET_ARN, secret.getSecretArn(),
                WebhookEnvironment.MAX_BODY_BYTES, Long.toString(props.maxBodyBytes()),
                WebhookEnvironment.REPLAY_SECONDS, String.valueOf(props.replayWindow().toSeconds().longValue()),
                WebhookEnvironment.SECRET_CACHE_SECONDS, String.valueOf(props.secretCacheTtl().toSeconds().longValue())));
        if (props.gitHubTokenSecretName() != null) {
            // A secret the user made (its value is a token GitHub issued), imported by name: the function is told the
            // name, never the value.
            gitHubToken = Secret.fromSecretNameV2(this, "GitHubToken", props.gitHubTokenSecretName());
            environment.put(WebhookEnvironment.GITHUB_TOKEN_SECRET_ID, props.gitHubTokenSecretName());
            if (props.gitHubApiUrl() != null) {
                environment.put(WebhookEnvironment.GITHUB_API_URL, props.gitHubApiUrl());
            }
        }
        var javaFunction = new SnapStartJavaFunction(this, new SnapStartJavaFunction.Settings(
                "shiplane: GitHub package webhook to Image Pushed", HANDLER, props.code(), props.memorySize(),
                props.timeout(), props.logRetention(), SERVICE_NAME, props.logLevel(), environment));
        function = javaFunction.function();
        alias = javaFunction.alias();
        SnapStartJavaFunction.reserveConcurrency(function, props.reservedConcurrency());
        // Auth type NONE: GitHub cannot sign its requests with SigV4, which AWS_IAM auth requires. The
        // X-Hub-Signature-256 HMAC over the raw body, verified by the function before it reads anything else, is
        // the authentication; an unsigned or oversize request costs one short invocation and is answered 401/413.
        url = alias.addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.NONE)
                .invokeMode(InvokeMode.BUFFERED)
                .build());

        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(secret.getSecretArn()))
                .build());
        if (gitHubToken != null) {
            // Secrets Manager appends six random characters to a secret's name in its ARN: this names exactly the
            // secret called gitHubTokenSecretName, whatever its suffix, and no other.
            function.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(gitHubToken.getSecretArn() + "-??????"))
                    .build());
        }
        props.bus().grantPutEventsTo(function);
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem", "dynamodb:DeleteItem"))
                .resources(List.of(props.ledger().getTableArn()))
                // Claims and withdrawn claims only: the webhook cannot touch deployments or service heads.
                .conditions(Map.of("ForAllValues:StringLike",
                        Map.of("dynamodb:LeadingKeys", List.of(LEDGER_KEY_PATTERN))))
                .build());
    }

    /** The webhook function; invoke it through {@link #getAlias()}, as the URL does. */
    public IFunction getFunction() {
        return function;
    }

    public Alias getAlias() {
        return alias;
    }

    /** The Payload URL to give GitHub. */
    public FunctionUrl getUrl() {
        return url;
    }

    /** The user-made secret holding the GitHub token, imported by name; {@code null} when none is configured. */
    public ISecret getGitHubToken() {
        return gitHubToken;
    }

    /** The secret whose value is the webhook secret to give GitHub. */
    public ISecret getSecret() {
        return secret;
    }
}
