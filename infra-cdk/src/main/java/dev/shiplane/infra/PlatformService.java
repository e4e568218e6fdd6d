package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.PlatformSpec;
import dev.shiplane.core.config.ServiceSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.WeightedTargetGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import dev.shiplane.core.gate.HttpCheck;
import software.constructs.Construct;

/**
 * One service of the platform, under the names shiplane finds it by at run time. A rolling service is one Fargate
 * service ({@code ecsService}) behind one target group. A progressive service (canary, linear, blue-green) is two,
 * {@code <ecsService>-blue} with the live tasks and {@code <ecsService>-green} at zero, each behind its target
 * group {@code <cluster>-<service>-blue/-green}, and one listener rule forwarding to both, 100/0: the rule the
 * delivery functions reweigh. Both colours start from the same task definition (family {@code <cluster>-<service>})
 * with the deployment circuit breaker on.
 *
 * <p>After the first deployment shiplane owns the running revision, the colours' desired counts and the rule's
 * weights. CloudFormation re-applies its own values only when the template's value changes, so change container
 * settings through a deployment, not here (README: Deploying to AWS).
 */
final class PlatformService extends Construct {

    /** The tag of the image the first task definition runs: push it before the first deployment of the stack. */
    static final String BOOTSTRAP_TAG = "bootstrap";

    private final List<FargateService> ecsServices = new ArrayList<>();
    private final List<ApplicationTargetGroup> targetGroups = new ArrayList<>();

    /** The shared things each service is placed into. */
    /** @param checkSources where the checks function's requests come from (the NAT gateways' addresses) */
    record Placement(EnvironmentSpec environment, PlatformSpec platform, ICluster cluster, IVpc vpc,
                     ISecurityGroup tasks, IApplicationListener listener, PlatformData data,
                     List<String> checkSources) {}

    /** ALB's limit on the values of all conditions of one rule. */
    static final int MAX_CONDITION_VALUES = 5;

    PlatformService(Construct scope, ServiceSpec service, Placement at, int priority) {
        super(scope, service.name());
        var env = at.environment();
        var task = at.platform().task(service.name());
        var logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/ecs/" + env.cluster() + "/" + service.name())
                .build();
        // The config speaks in days (validated against CloudWatch's periods); the L2 enum has no lookup by days.
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(at.platform().logRetentionDays());
        var definition = FargateTaskDefinition.Builder.create(this, "TaskDefinition")
                .family(env.cluster() + "-" + service.name())
                .cpu(task.cpu())
                .memoryLimitMiB(task.memory())
                .build();
        definition.addContainer(service.container(), ContainerDefinitionOptions.builder()
                .image(bootstrapImage(service))
                .essential(true)
                .portMappings(List.of(PortMapping.builder().containerPort(task.containerPort()).build()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(service.name())
                        .build()))
                .environment(Map.of(
                        "DATABASE_HOST", at.data().database().getDbInstanceEndpointAddress(),
                        "DATABASE_PORT", at.data().database().getDbInstanceEndpointPort(),
                        "REDIS_HOST", at.data().redis().getAttrPrimaryEndPointAddress(),
                        "REDIS_PORT", at.data().redis().getAttrPrimaryEndPointPort(),
                        "REDIS_TLS", "true"))
                // By ARN: ECS reads the value when a task starts; neither the template nor the task definition holds it.
                .secrets(Map.of("REDIS_AUTH_TOKEN", Secret.fromSecretsManager(at.data().redisAuthToken())))
                .build());
        NagSuppressions.addResourceSuppressions(
                definition.obtainExecutionRole().getNode().tryFindChild("DefaultPolicy"),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .appliesTo(List.of("Resource::*"))
                        .reason("The execution role's ecr:GetAuthorizationToken acts on no resource (IAM takes only *);"
                                + " image pulls are limited to the service's repository")
                        .build()));
        NagSuppressions.addResourceSuppressions(definition, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-ECS2")
                .reason("The plain environment holds endpoints only (database and Redis host and port); the Redis"
                        + " AUTH token comes from Secrets Manager by ARN")
                .build()));

        var names = service.ecsServicesIn(env);
        if (service.twoColours()) {
            var colours = service.colours(env);
            var blue = fargate("Blue", names.get(0), definition, at, task.desiredCount());
            // Green waits at zero tasks: the first rollout scales it up and moves traffic step by step.
            var green = fargate("Green", names.get(1), definition, at, 0);
            var blueGroup = targetGroup("BlueTargetGroup", colours.blueTargetGroup(), at.vpc(), task);
            var greenGroup = targetGroup("GreenTargetGroup", colours.greenTargetGroup(), at.vpc(), task);
            blue.attachToApplicationTargetGroup(blueGroup);
            green.attachToApplicationTargetGroup(greenGroup);
            ApplicationListenerRule.Builder.create(this, "WeightedRule")
                    .listener(at.listener())
                    .priority(priority)
                    .conditions(List.of(ListenerCondition.pathPatterns(task.pathsFor(service.name()))))
                    .action(ListenerAction.weightedForward(List.of(
                            WeightedTargetGroup.builder().targetGroup(blueGroup).weight(100).build(),
                            WeightedTargetGroup.builder().targetGroup(greenGroup).weight(0).build())))
                    .build();
            if (!service.checks().isEmpty()) {
                colourRule("BlueCheckRule", "blue", blueGroup, priority - 2, service.name(), task.pathsFor(service.name()), at);
                colourRule("GreenCheckRule", "green", greenGroup, priority - 1, service.name(), task.pathsFor(service.name()), at);
            }
        } else {
            var only = fargate("Service", names.getFirst(), definition, at, task.desiredCount());
            var group = targetGroup("TargetGroup", null, at.vpc(), task);
            only.attachToApplicationTargetGroup(group);
            ApplicationListenerRule.Builder.create(this, "Rule")
                    .listener(at.listener())
                    .priority(priority)
                    .conditions(List.of(ListenerCondition.pathPatterns(task.pathsFor(service.name()))))
                    .action(ListenerAction.forward(List.of(group)))
                    .build();
        }
    }

    /**
     * Pre-traffic checks reach one colour only: a request carrying {@code X-Shiplane-Colour: <colour>} from the
     * checks function's addresses goes to that colour's target group, before the weighted rule sees it. Anyone
     * else sending the header gets the weighted rule like every other request.
     */
    private void colourRule(String id, String colour, ApplicationTargetGroup group, int priority, String serviceName,
                            List<String> paths, Placement at) {
        int values = paths.size() + 1 + at.checkSources().size();
        if (at.checkSources().isEmpty() || values > MAX_CONDITION_VALUES) {
            throw new IllegalArgumentException("services." + serviceName + ".checks: the colour rule of "
                    + at.environment().name() + " needs " + values + " condition values (paths "
                    + paths.size() + ", header 1, NAT addresses " + at.checkSources().size() + "), ALB allows "
                    + MAX_CONDITION_VALUES + (at.checkSources().isEmpty() ? " and at least one NAT gateway" : "")
                    + ": give the service fewer paths or the environment fewer NAT gateways");
        }
        ApplicationListenerRule.Builder.create(this, id)
                .listener(at.listener())
                .priority(priority)
                .conditions(List.of(ListenerCondition.pathPatterns(paths),
                        ListenerCondition.httpHeader(HttpCheck.COLOUR_HEADER, List.of(colour)),
                        ListenerCondition.sourceIps(at.checkSources())))
                .action(ListenerAction.forward(List.of(group)))
                .build();
    }

    private FargateService fargate(String id, String name, FargateTaskDefinition definition, Placement at,
                                   int desiredCount) {
        var service = FargateService.Builder.create(this, id)
                .cluster(at.cluster())
                .serviceName(name)
                .taskDefinition(definition)
                .desiredCount(desiredCount)
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                // ECS stops a deployment whose tasks keep failing and returns to the last one that completed; it
                // reports SERVICE_DEPLOYMENT_FAILED, on which shiplane's rollback function records and aligns.
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .healthCheckGracePeriod(Duration.seconds(60))
                .securityGroups(List.of(at.tasks()))
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .assignPublicIp(false)
                .propagateTags(PropagatedTagSource.SERVICE)
                .enableEcsManagedTags(true)
                .build();
        ecsServices.add(service);
        return service;
    }

    private ApplicationTargetGroup targetGroup(String id, String name, IVpc vpc, PlatformSpec.Task task) {
        var group = ApplicationTargetGroup.Builder.create(this, id)
                .targetGroupName(name)
                .vpc(vpc)
                .port(task.containerPort())
                .protocol(ApplicationProtocol.HTTP)
                .targetType(TargetType.IP)
                .healthCheck(HealthCheck.builder()
                        .path(task.healthCheckPath())
                        .healthyHttpCodes("200-399")
                        .interval(Duration.seconds(15))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                // Connections drain in 30 s: a canary step shifts weights often, and ALB's 300 s default would
                // keep scaled-down tasks around for minutes.
                .deregistrationDelay(Duration.seconds(30))
                .build();
        targetGroups.add(group);
        return group;
    }

    /** The first ECR repository of the service at {@value #BOOTSTRAP_TAG}; a GHCR image if it has no ECR one. */
    private ContainerImage bootstrapImage(ServiceSpec service) {
        var ecr = service.repositories().stream().filter(r -> !r.startsWith(DeploymentScope.GHCR_PREFIX)).findFirst();
        if (ecr.isPresent()) {
            // From the repository: the execution role gets pull rights on this repository only.
            return ContainerImage.fromEcrRepository(Repository.fromRepositoryName(this, "Repository", ecr.get()),
                    BOOTSTRAP_TAG);
        }
        return ContainerImage.fromRegistry(service.repositories().getFirst() + ":" + BOOTSTRAP_TAG);
    }

    /** The Fargate services: one, or blue then green. */
    List<FargateService> ecsServices() {
        return List.copyOf(ecsServices);
    }

    /** The target groups: one, or blue then green. */
    List<ApplicationTargetGroup> targetGroups() {
        return List.copyOf(targetGroups);
    }
}
