import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Writes the AWS operations a function's Lambda package can call, one {@code service:Operation} a line in IAM's
 * naming (the IAM action each needs), sorted: the build artifact the infra-cdk resource test checks the function's
 * policy against (docs/PERMISSIONS.md).
 *
 * <p>Read from the SDK client interfaces in the package. After the shrink step (functions/lambda-shrink.pro) an
 * interface keeps only the operations the function calls, the same methods SnapStart priming walks
 * (dev.shiplane.aws.OperationPriming): an operation is a public method taking one {@code ...Request} of the
 * service's model and returning its {@code ...Response}. An unshrunk package keeps every operation of each linked
 * service, so the file then says so in its first line, and the resource test refuses it.
 *
 * <p>Run by the Java launcher from source (JDK only; Maven's packaging step of each function):
 * {@code java ListAwsOperations.java <package.jar> <output.txt> <shrink skipped: true|false>}.
 */
public final class ListAwsOperations {

    /** The first line of a list read from a shrunk package, and of one read from an unshrunk package. */
    static final String SHRUNK_HEADER = "# AWS operations this package can call (shrunk package: its own calls only)";
    static final String UNSHRUNK_HEADER = "# UNSHRUNK package (-Dlambda.shrink.skip=true): every operation of each"
            + " linked AWS service, not the function's own calls";

    /**
     * SDK client interface → IAM service prefix (the Service Authorization Reference's). An interface missing here
     * fails the build: its prefix is not always its name (ElasticLoadBalancingV2Client → elasticloadbalancing).
     */
    static final Map<String, String> IAM_PREFIX = Map.ofEntries(
            Map.entry("CloudFormationClient", "cloudformation"),
            Map.entry("CloudWatchClient", "cloudwatch"),
            Map.entry("CloudWatchLogsClient", "logs"),
            Map.entry("DynamoDbClient", "dynamodb"),
            Map.entry("EcrClient", "ecr"),
            Map.entry("EcsClient", "ecs"),
            Map.entry("ElasticLoadBalancingV2Client", "elasticloadbalancing"),
            Map.entry("EventBridgeClient", "events"),
            Map.entry("IamClient", "iam"),
            Map.entry("LambdaClient", "lambda"),
            Map.entry("SchedulerClient", "scheduler"),
            Map.entry("SecretsManagerClient", "secretsmanager"),
            Map.entry("SnsClient", "sns"),
            Map.entry("SqsClient", "sqs"),
            Map.entry("SsmClient", "ssm"),
            Map.entry("StsClient", "sts"));

    private static final Pattern CLIENT_INTERFACE =
            Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/([A-Za-z0-9]+Client)\\.class");

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ListAwsOperations <package.jar> <output.txt> <shrinkSkipped>");
        }
        var jar = Path.of(args[0]);
        var output = Path.of(args[1]);
        var shrinkSkipped = Boolean.parseBoolean(args[2]);
        var operations = operations(jar);
        var lines = new ArrayList<String>();
        lines.add(shrinkSkipped ? UNSHRUNK_HEADER : SHRUNK_HEADER);
        lines.addAll(operations);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.write(output, lines);
        System.out.println("[ListAwsOperations] " + operations.size() + " AWS operations of " + jar.getFileName()
                + " → " + output + (shrinkSkipped ? " (unshrunk package: every operation)" : ""));
    }

    static TreeSet<String> operations(Path jar) throws IOException {
        var operations = new TreeSet<String>();
        try (var zip = new ZipFile(jar.toFile())) {
            for (var entry : zip.stream().toList()) {
                var name = CLIENT_INTERFACE.matcher(entry.getName());
                if (!name.matches()) continue;
                ClassModel type;
                try (var in = zip.getInputStream(entry)) {
                    type = ClassFile.of().parse(in.readAllBytes());
                }
                if (!type.flags().has(AccessFlag.INTERFACE)) continue; // DefaultEcsClient and the like
                var prefix = IAM_PREFIX.get(name.group(2));
                if (prefix == null) {
                    throw new IllegalStateException(jar.getFileName() + " holds " + name.group(2) + ", which"
                            + " functions/build-tools/ListAwsOperations.java does not map to an IAM service prefix:"
                            + " add it to IAM_PREFIX");
                }
                var model = "software.amazon.awssdk.services." + name.group(1) + ".model";
                for (var method : type.methods()) {
                    if (isOperation(method, model)) operations.add(prefix + ":" + action(method));
                }
            }
        }
        return operations;
    }

    /** One model request in, its response out (not the Consumer-of-builder overloads, paginators or waiters). */
    private static boolean isOperation(MethodModel method, String model) {
        if (!method.flags().has(AccessFlag.PUBLIC) || method.flags().has(AccessFlag.STATIC)) return false;
        var type = method.methodTypeSymbol();
        if (type.parameterCount() != 1) return false;
        ClassDesc request = type.parameterType(0);
        ClassDesc response = type.returnType();
        return request.packageName().equals(model) && request.displayName().endsWith("Request")
                && response.packageName().equals(model) && response.displayName().endsWith("Response");
    }

    /** updateService → UpdateService: the SDK names a method after its operation, which IAM names its action. */
    private static String action(MethodModel method) {
        var name = method.methodName().stringValue();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private ListAwsOperations() {}
}
