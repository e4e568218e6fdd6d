package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each AWS operation a function calls touches in the seed's config: the (IAM action, ARN) pairs IAM
 * evaluates for the call, the operation's own action and the ones it depends on (a revision registered with roles
 * is also an {@code iam:PassRole}, a transaction is its items' writes). ARNs are built from shiplane.yml (clusters,
 * services of both colours, ECR repositories, alarms, secrets, task roles) and, for what the stacks create and
 * CloudFormation names, from the synthesized templates (ledger table, bus, schedule group, scheduler role, topic,
 * webhook and Slack secrets, hooks role, listener rules), in the test account of {@link TemplateValues}.
 *
 * <p>{@value #ANY} stands for an action the Service Authorization Reference (SAR) lists without a resource type:
 * IAM evaluates it against {@code "*"} only, so only {@code "*"} can grant it.
 */
final class OperationResources {

    static final String ANY = "*";
    private static final String ACCOUNT_ARN = ":" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":";
    /** Ids AWS assigns at run time, as they would appear in an ARN. */
    private static final String DEPLOYMENT_ID = "ecs-svc/0123456789012345678";
    private static final String SCHEDULE = "shiplane-api-prod-step-2";
    private static final String REVISION = ":42";

    /**
     * Operations whose SAR entry has no resource type (the reference: docs.aws.amazon.com/service-authorization/
     * latest/reference/list_&lt;service&gt;.html), and the one CloudWatch documents as needing {@code "*"}.
     */
    static final Map<String, String> ONLY_ANY = Map.of(
            "ecs:DescribeTaskDefinition", "SAR list_amazonelasticcontainerservice: no resource type",
            "ecs:RegisterTaskDefinition", "SAR list_amazonelasticcontainerservice: no resource type",
            "ecs:ListTaskDefinitions", "SAR list_amazonelasticcontainerservice: no resource type",
            "ecs:DeregisterTaskDefinition", "SAR list_amazonelasticcontainerservice: no resource type",
            "elasticloadbalancing:DescribeListeners", "SAR list_elasticloadbalancingv2: no resource type",
            "elasticloadbalancing:DescribeRules", "SAR list_elasticloadbalancingv2: no resource type",
            "elasticloadbalancing:DescribeTargetGroups", "SAR list_elasticloadbalancingv2: no resource type",
            "cloudwatch:DescribeAlarms", "CloudWatch API reference, DescribeAlarms: composite alarms are described"
                    + " only to a cloudwatch:DescribeAlarms permission scoped to *",
            "secretsmanager:GetRandomPassword", "SAR list_awssecretsmanager: no resource type");

    /** Operations a package holds but never calls, so they need no permission; each with why. */
    static final Map<String, String> HELD_NOT_CALLED = Map.of(
            "dynamodb:DescribeEndpoints", "the SDK's endpoint discovery, which DynamoDB clients keep disabled unless"
                    + " configured (shiplane never enables it); the shrink step cannot drop it because the client's"
                    + " discovery cache refers to it");

    record Need(String action, String arn) {}

    private final ShiplaneConfig config;
    private final InfraConfig infra;
    private final DeploymentScope scope;
    private final TemplateValues delivery;
    private final List<TemplateValues> platforms;

    OperationResources(InfraConfig infra, DeploymentScope scope, TemplateValues delivery,
                       List<TemplateValues> platforms) {
        this.infra = infra;
        this.config = infra.shiplane();
        this.scope = scope;
        this.delivery = delivery;
        this.platforms = platforms;
    }

    /** What one operation of one function touches; {@code null} when the table has no row for it. */
    List<Need> of(FunctionPolicies.Function function, String operation) {
        if (ONLY_ANY.containsKey(operation)) {
            var needs = new ArrayList<>(List.of(new Need(operation, ANY)));
            if (operation.equals("ecs:RegisterTaskDefinition")) needs.addAll(registerDependencies());
            return needs;
        }
        return switch (operation) {
            case "ecs:DescribeServices" -> needs(operation, services(scope.ecsServices(), "service", ""));
            case "ecs:UpdateService" -> {
                var needs = new ArrayList<>(needs(operation, services(scope.ecsServices(), "service", "")));
                // A native service's update names the hooks function and the role ECS invokes it with.
                var hooksRole = function.properties().path("Environment").path("Variables")
                        .path(DeliveryEnvironment.HOOKS_ROLE_ARN);
                if (!hooksRole.isMissingNode()) needs.add(new Need("iam:PassRole", delivery.string(hooksRole)));
                yield needs;
            }
            case "ecs:ListServiceDeployments" -> needs(operation, services(scope.nativeServices(), "service", ""));
            case "ecs:ContinueServiceDeployment", "ecs:StopServiceDeployment" ->
                    needs(operation, services(scope.nativeServices(), "service-deployment", "/" + DEPLOYMENT_ID));
            case "elasticloadbalancing:ModifyRule" -> needs(operation, listenerRules());
            case "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query",
                 "dynamodb:UpdateItem" -> needs(operation, List.of(ledger()));
            // IAM authorizes a transaction by its items' actions (DynamoDB developer guide, "Using IAM with
            // DynamoDB transactions"); DynamoDbLedger's transactions put and update items.
            case "dynamodb:TransactWriteItems" ->
                    List.of(new Need("dynamodb:PutItem", ledger()), new Need("dynamodb:UpdateItem", ledger()));
            case "events:PutEvents" -> needs(operation, List.of(arnOf("CoreBus", "AWS::Events::EventBus")));
            case "scheduler:CreateSchedule" -> List.of(new Need(operation, schedule()),
                    new Need("iam:PassRole", arnOf("CoreSchedulerRole", "AWS::IAM::Role")));
            case "scheduler:DeleteSchedule" -> needs(operation, List.of(schedule()));
            case "ecr:DescribeImages", "ecr:BatchGetImage", "ecr:DescribeImageScanFindings",
                 "ecr:BatchGetRepositoryScanningConfiguration" ->
                    needs(operation, scope.ecrRepositories().stream()
                            .map(r -> "arn:aws:ecr" + ACCOUNT_ARN + "repository/" + r).toList());
            case "secretsmanager:GetSecretValue" -> needs(operation, switch (function.pkg()) {
                case "notify" -> List.of(arnOf("NotificationsSlackWebhookUrl", "AWS::SecretsManager::Secret"));
                case "webhook" -> List.of(arnOf("WebhookBridgeSecret", "AWS::SecretsManager::Secret"));
                case "rotate" -> Stream.concat(rotatedSecrets().stream(), masterSecrets().stream()).toList();
                default -> throw new AssertionError("no secret is known for the " + function.pkg() + " function");
            });
            case "secretsmanager:DescribeSecret" ->
                    needs(operation, Stream.concat(rotatedSecrets().stream(), masterSecrets().stream()).toList());
            case "secretsmanager:ListSecretVersionIds", "secretsmanager:PutSecretValue",
                 "secretsmanager:UpdateSecretVersionStage" -> needs(operation, rotatedSecrets());
            case "sns:Publish" -> {
                var topicId = delivery.logicalId("NotificationsTopic", "AWS::SNS::Topic");
                var needs = new ArrayList<>(List.of(new Need(operation, delivery.getAtt(topicId, "Arn"))));
                // A topic encrypted with a customer managed key: SNS encrypts the message with it for the caller.
                var key = delivery.resources().path(topicId).path("Properties").path("KmsMasterKeyId");
                if (!key.isMissingNode()) {
                    var keyArn = delivery.getAtt(key.path("Fn::GetAtt").path(0).asText(), "Arn");
                    needs.add(new Need("kms:GenerateDataKey", keyArn));
                    needs.add(new Need("kms:Decrypt", keyArn));
                }
                yield needs;
            }
            default -> null;
        };
    }

    /**
     * What a function needs whatever it calls: writing its logs to its own log group, and, for a function in a VPC,
     * Lambda's management of its network interfaces (what AWSLambdaVPCAccessExecutionRole grants: SAR lists no
     * resource type for the Describe, and Lambda names no interface in advance), and sending a failed event to its
     * dead-letter queue (the alias's on-failure destination).
     */
    List<Need> ofTheFunctionItself(FunctionPolicies.Function function) {
        var needs = new ArrayList<Need>();
        var logGroup = function.properties().path("LoggingConfig").path("LogGroup");
        var logGroupArn = delivery.getAtt(logGroup.path("Ref").asText(), "Arn");
        needs.add(new Need("logs:CreateLogStream", logGroupArn));
        needs.add(new Need("logs:PutLogEvents", logGroupArn));
        if (function.properties().has("VpcConfig")) {
            for (var action : List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                    "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")) {
                needs.add(new Need(action, ANY));
            }
        }
        delivery.resources().properties().forEach(entry -> {
            var config = entry.getValue();
            if (!config.path("Type").asText().equals("AWS::Lambda::EventInvokeConfig")) return;
            var name = config.path("Properties").path("FunctionName");
            if (!name.path("Ref").asText().equals(function.logicalId())) return;
            var destination = config.path("Properties").path("DestinationConfig").path("OnFailure")
                    .path("Destination");
            needs.add(new Need("sqs:SendMessage", delivery.string(destination)));
        });
        return needs;
    }

    /** A revision keeps its tags (ecs:TagResource while registering) and its task and execution roles. */
    private List<Need> registerDependencies() {
        var needs = new ArrayList<Need>();
        for (var env : config.environments()) {
            if (!scope.servedEnvironments().contains(env.name())) continue;  // another account's stack registers there
            for (var service : config.services()) {
                if (!service.environments().contains(env.name())) continue;
                needs.add(new Need("ecs:TagResource", "arn:aws:ecs" + ACCOUNT_ARN + "task-definition/"
                        + env.cluster() + "-" + service.name() + REVISION));
                var platformStack = infra.platform(env.name()).isPresent();
                needs.add(new Need("iam:PassRole", role(service.taskRoleIn(env), env.name(), platformStack,
                        service.name() + "TaskRole")));
                needs.add(new Need("iam:PassRole", role(service.executionRoleIn(env), env.name(), platformStack,
                        service.name() + "TaskExecutionRole")));
            }
        }
        return needs;
    }

    private static String role(String name) {
        return "arn:aws:iam::" + TemplateValues.ACCOUNT + ":role/" + name;
    }

    /**
     * The role a revision keeps: the one shiplane.yml names, else one a platform stack made, named as CloudFormation
     * names it ({@code <stack>-<logical id>-<random>}), else any role of a service made elsewhere.
     */
    private static String role(String named, String environment, boolean platformStack, String logicalId) {
        if (named != null) return role(named);
        return role(platformStack ? ServiceInfraStack.nameFor(environment) + "-Platform" + logicalId + "-Q1W2E3R4T5Y6"
                : "a-role-shiplane-did-not-make");
    }

    private static List<Need> needs(String action, List<String> arns) {
        return arns.stream().map(arn -> new Need(action, arn)).toList();
    }

    private static List<String> services(List<EcsServiceRef> services, String resource, String suffix) {
        return services.stream().map(s -> "arn:aws:ecs" + ACCOUNT_ARN + resource + "/" + s.cluster() + "/"
                + s.service() + suffix).toList();
    }

    private String ledger() {
        return arnOf("CoreLedger", "AWS::DynamoDB::Table");
    }

    private String schedule() {
        var group = delivery.physicalName(delivery.logicalId("CoreScheduleGroup", "AWS::Scheduler::ScheduleGroup"));
        return "arn:aws:scheduler" + ACCOUNT_ARN + "schedule/" + group + "/" + SCHEDULE;
    }

    private String arnOf(String logicalIdPrefix, String type) {
        return delivery.getAtt(delivery.logicalId(logicalIdPrefix, type), "Arn");
    }

    private List<String> rotatedSecrets() {
        return config.rotation().secrets().stream().map(s -> secret(s.secretId())).toList();
    }

    private List<String> masterSecrets() {
        return config.rotation().secrets().stream().filter(s -> s.masterSecretId() != null)
                .map(s -> secret(s.masterSecretId())).toList();
    }

    private static String secret(String name) {
        return "arn:aws:secretsmanager" + ACCOUNT_ARN + "secret:" + name + TemplateValues.SECRET_SUFFIX;
    }

    /** Every listener rule of the platform stacks, under its load balancer's name and ids ELB would give it. */
    private List<String> listenerRules() {
        var rules = new ArrayList<String>();
        for (var platform : platforms) {
            platform.resources().properties().forEach(entry -> {
                if (!entry.getValue().path("Type").asText().equals("AWS::ElasticLoadBalancingV2::ListenerRule")) return;
                var listenerId = entry.getValue().path("Properties").path("ListenerArn").path("Ref").asText();
                var loadBalancerId = platform.resources().path(listenerId).path("Properties")
                        .path("LoadBalancerArn").path("Ref").asText();
                rules.add("arn:aws:elasticloadbalancing" + ACCOUNT_ARN + "listener-rule/app/"
                        + platform.physicalName(loadBalancerId) + "/50dc6c495c0c9188/f2f7dc8efc522ab2/"
                        + Integer.toHexString(entry.getKey().hashCode()));
            });
        }
        if (rules.isEmpty()) throw new AssertionError("no listener rule in the platform stacks");
        return rules;
    }
}
