package dev.shiplane.infra;

import dev.shiplane.contract.environment.CommonEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * How every shiplane function runs: Java 25 on arm64 with SnapStart on published versions, its own log group and a
 * role that may write only there, its logging and metrics settings in its environment, and the alias
 * {@value #ALIAS_NAME} that everything invokes. The children ({@code LogGroup}, {@code ServiceRole},
 * {@code Resource}, {@code LiveAlias}) are created in the function family's construct, so the function stays that
 * construct's main child {@code Resource}.
 */
final class SnapStartJavaFunction {

    /** The alias triggers invoke: SnapStart snapshots exist only for published versions, never for $LATEST. */
    static final String ALIAS_NAME = "live";
    static final String METRICS_NAMESPACE = "shiplane";

    /**
     * @param description  what the function does, for the console
     * @param handler      {@code class::handleRequest}
     * @param code         the function's shaded jar
     * @param serviceName  names the function in logs and metrics ({@code shiplane-deploy})
     * @param environment  the function's own variables, added to the logging and metrics ones
     * @param functionName the function's name when something outside the stack finds it by name; {@code null}: one
     *                     CloudFormation generates
     */
    record Settings(String description, String handler, Code code, int memorySize, Duration timeout,
                    RetentionDays logRetention, String serviceName, String logLevel, Map<String, String> environment,
                    String functionName) {

        /** A function named by CloudFormation. */
        Settings(String description, String handler, Code code, int memorySize, Duration timeout,
                 RetentionDays logRetention, String serviceName, String logLevel, Map<String, String> environment) {
            this(description, handler, code, memorySize, timeout, logRetention, serviceName, logLevel, environment,
                    null);
        }
    }

    private final Function function;
    private final Alias alias;

    SnapStartJavaFunction(Construct owner, Settings settings) {
        var logGroup = LogGroup.Builder.create(owner, "LogGroup").retention(settings.logRetention()).build();
        // The function's own role instead of Lambda's default one: AWSLambdaBasicExecutionRole would let it write to
        // any log group of the account; this role may write to its own log group only. Families add their grants.
        var role = Role.Builder.create(owner, "ServiceRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(settings.serviceName() + ": the function's role")
                .inlinePolicies(Map.of("Logs", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(logGroup.getLogGroupArn()))
                                .build()))
                        .build()))
                .build();
        var environment = new HashMap<>(settings.environment());
        // Read by shiplane's JSON logger and EMF writer (functions/runtime). The names are Powertools', which the
        // functions used before: deployed stacks, dashboards and habits keep working.
        environment.put(CommonEnvironment.SERVICE_NAME, settings.serviceName());
        environment.put(CommonEnvironment.METRICS_NAMESPACE, METRICS_NAMESPACE);
        environment.put(CommonEnvironment.LOG_LEVEL, settings.logLevel());
        function = Function.Builder.create(owner, "Resource")
                .functionName(settings.functionName())
                .description(settings.description())
                .runtime(Runtime.JAVA_25)
                // Graviton: cheaper per GB-second, and the jar is pure Java.
                .architecture(Architecture.ARM_64)
                .role(role)
                .handler(settings.handler())
                .code(settings.code())
                .memorySize(settings.memorySize())
                .timeout(settings.timeout())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logGroup)
                .environment(Map.copyOf(environment))
                .build();
        alias = Alias.Builder.create(owner, "LiveAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    Function function() {
        return function;
    }

    /**
     * Reserves concurrency for one of these functions, or nothing when {@code reservedConcurrency} is {@code null}.
     * Lambda keeps the setting on the function, for every version and alias alike. An escape hatch rather than a
     * {@link Settings} value: most families reserve nothing, and those that do read the value from their props.
     */
    static void reserveConcurrency(software.amazon.awscdk.services.lambda.IFunction function,
                                   Integer reservedConcurrency) {
        if (reservedConcurrency == null) return;
        ((software.amazon.awscdk.services.lambda.CfnFunction) function.getNode().getDefaultChild())
                .setReservedConcurrentExecutions(reservedConcurrency);
    }

    Alias alias() {
        return alias;
    }
}
