package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.InvokeMode;
import software.constructs.Construct;

/**
 * The operators' entry: the operator function (child {@code Resource}) behind a Lambda Function URL with
 * {@code AWS_IAM} auth on its alias {@value SnapStartJavaFunction#ALIAS_NAME}. Lambda verifies each request's SigV4
 * signature and the caller's {@code lambda:InvokeFunctionUrl} permission before the function runs, and hands the
 * function the verified caller; the function authorizes that caller per environment and action
 * ({@code environments.<env>.operators}) and puts the request on shiplane's bus with it as {@code requestedBy}.
 *
 * <p>The URL has no resource-based policy: who may call it is decided in the callers' account by their own IAM
 * policies (docs/OPERATING.md, "Verified operators"), as {@code AWS_IAM} Function URLs allow for same-account
 * principals.
 */
public final class OperatorEntry extends Construct {

    static final String HANDLER = "dev.shiplane.operator.OperatorHandler::handleRequest";
    static final String SERVICE_NAME = "shiplane-operator";
    /**
     * The only ledger items the operator function may touch: freezes ({@code DynamoDbFreezes}) and its handled
     * request ids ({@code DynamoDbDeliveryRegistry}'s claims).
     */
    static final List<String> LEDGER_KEY_PATTERNS = List.of("FREEZE#*", "DELIVERY#*");
    /**
     * How much longer than the function's timeout a request id's claim lasts: an invocation still running keeps its
     * claim, whatever clock skew or cold start there is between its claim and Lambda stopping it.
     */
    static final long LEASE_MARGIN_SECONDS = 30;

    private final Alias alias;
    private final FunctionUrl url;
    private final IFunction function;

    public OperatorEntry(Construct scope, String id, OperatorEntryProps props) {
        super(scope, id);
        var javaFunction = new SnapStartJavaFunction(this, new SnapStartJavaFunction.Settings(
                "shiplane: operators' signed requests (deploy, rollback, rollout, freeze), authorized per action",
                HANDLER, props.code(), props.memorySize(), props.timeout(), props.logRetention(), SERVICE_NAME,
                props.logLevel(), Map.of(
                        DeliveryEnvironment.BUS_NAME, props.bus().getEventBusName(),
                        DeliveryEnvironment.LEDGER_TABLE, props.ledger().getTableName(),
                        DeliveryEnvironment.LEASE_SECONDS, String.valueOf(leaseSeconds(props)))));
        function = javaFunction.function();
        alias = javaFunction.alias();
        // AWS_IAM: only a SigV4-signed request of a principal allowed lambda:InvokeFunctionUrl reaches the function,
        // and Lambda tells it who signed; the identity a request claims in its body is never trusted.
        url = alias.addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.AWS_IAM)
                .invokeMode(InvokeMode.BUFFERED)
                .build());

        props.bus().grantPutEventsTo(function);
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"))
                .resources(List.of(props.ledger().getTableArn()))
                // Freezes and handled request ids only: operators cannot reach deployments or service heads here.
                .conditions(Map.of("ForAllValues:StringLike",
                        Map.of("dynamodb:LeadingKeys", LEDGER_KEY_PATTERNS)))
                .build());
    }

    /** The claim lease must outlive an invocation, or a retry takes over a request the first one still carries out. */
    static long leaseSeconds(OperatorEntryProps props) {
        return props.timeout().toSeconds().longValue() + LEASE_MARGIN_SECONDS;
    }

    /** The operator function; invoke it through {@link #getAlias()}, as the URL does. */
    public IFunction getFunction() {
        return function;
    }

    public Alias getAlias() {
        return alias;
    }

    /** The URL the CLI sends operators' requests to ({@code SHIPLANE_OPERATOR_URL}, {@code --operator-url}). */
    public FunctionUrl getUrl() {
        return url;
    }
}
