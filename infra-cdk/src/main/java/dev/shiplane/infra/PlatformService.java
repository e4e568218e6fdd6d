package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.gate.HttpCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.WeightedTargetGroup;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One service of the platform, under the names shiplane finds it by at run time. A rolling service is one Fargate
 * service ({@code ecsService}) behind one target group. A two-colour service (the shiplane engine) is two,
 * {@code <ecsService>-blue} and {@code <ecsService>-green}, each behind its target group
 * {@code <cluster>-<service>-blue/-green}, and one listener rule forwarding to both, 100/0: the rule the delivery
 * functions reweigh. A service on ECS's engine is one service with a production and an alternate target group and
 * the deployment configuration {@link NativeDeploymentConfiguration} renders ({@link NativeServiceRouting}).
 *
 * <p>A stack update never undoes a deployment: every service references its bootstrap task definition, which the
 * task settings do not change ({@link ServiceTaskDefinitions}); the template states no desired count (a single
 * service's is its scalable target's minimum; the colours' are shiplane's); a listener rule's actions change only
 * with the service's paths or target groups.
 */
final class PlatformService extends Construct {

    /** The tag of the image the bootstrap task definition runs: push it before the first deployment of the stack. */
    static final String BOOTSTRAP_TAG = ServiceTaskDefinitions.BOOTSTRAP_TAG;

    private final List<FargateService> ecsServices = new ArrayList<>();
    private final List<ApplicationTargetGroup> targetGroups = new ArrayList<>();

    /**
     * The shared things each service is placed into.
     *
     * @param checkSources      where the checks function's requests come from (the NAT gateways' addresses)
     * @param loadBalancerRole  the role ECS's engine moves listener rules' weights with; {@code null} when no service
     *                          of the environment runs on ECS's engine
     */
    record Placement(EnvironmentSpec environment, PlatformSpec platform, ICluster cluster, IVpc vpc,
                     ISecurityGroup tasks, IApplicationListener listener, PlatformData data,
                     List<String> checkSources, IRole loadBalancerRole, Map<String, String> ecrRegistries) {}

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
        var definitions = new ServiceTaskDefinitions(this, service, at, task, logs);
        var definition = definitions.bootstrap();
        var paths = task.pathsFor(service.name());

        var names = service.ecsServicesIn(env);
        if (service.twoColours()) {
            var colours = service.colours(env);
            var blue = fargate("Blue", names.get(0), definition, at);
            var green = fargate("Green", names.get(1), definition, at);
            var blueGroup = targetGroup("BlueTargetGroup", colours.blueTargetGroup(), at.vpc(), task);
            var greenGroup = targetGroup("GreenTargetGroup", colours.greenTargetGroup(), at.vpc(), task);
            blue.attachToApplicationTargetGroup(blueGroup);
            green.attachToApplicationTargetGroup(greenGroup);
            ApplicationListenerRule.Builder.create(this, "WeightedRule")
                    .listener(at.listener())
                    .priority(priority)
                    .conditions(List.of(ListenerCondition.pathPatterns(paths)))
                    .action(ListenerAction.weightedForward(List.of(
                            WeightedTargetGroup.builder().targetGroup(blueGroup).weight(100).build(),
                            WeightedTargetGroup.builder().targetGroup(greenGroup).weight(0).build())))
                    .build();
            if (!service.checks().isEmpty()) {
                colourRule("BlueCheckRule", "blue", blueGroup, priority - 2, service.name(), paths, at);
                colourRule("GreenCheckRule", "green", greenGroup, priority - 1, service.name(), paths, at);
            }
        } else if (service.onEcsEngine()) {
            var only = fargate("Service", names.getFirst(), definition, at);
            var production = targetGroup("TargetGroup", null, at.vpc(), task);
            var alternate = targetGroup("AlternateTargetGroup", null, at.vpc(), task);
            only.attachToApplicationTargetGroup(production);
            NativeServiceRouting.wire(this, new Target(env, service), only, production, alternate, paths, priority, at);
            scaleTo(only, task.desiredCount());
        } else {
            var only = fargate("Service", names.getFirst(), definition, at);
            var group = targetGroup("TargetGroup", null, at.vpc(), task);
            only.attachToApplicationTargetGroup(group);
            ApplicationListenerRule.Builder.create(this, "Rule")
                    .listener(at.listener())
                    .priority(priority)
                    .conditions(List.of(ListenerCondition.pathPatterns(paths)))
                    .action(ListenerAction.forward(List.of(group)))
                    .build();
            scaleTo(only, task.desiredCount());
        }
    }

    /**
     * A single service's task count, held by Application Auto Scaling rather than the service's {@code DesiredCount}:
     * a changed count re-registers the scalable target, which moves the count into its range, and never touches the
     * service (whose update would re-apply the template's other properties as well).
     */
    private static void scaleTo(FargateService service, int tasks) {
        service.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(tasks).maxCapacity(tasks).build());
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

    private FargateService fargate(String id, String name, FargateTaskDefinition definition, Placement at) {
        var service = FargateService.Builder.create(this, id)
                .cluster(at.cluster())
                .serviceName(name)
                .taskDefinition(definition)
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
        // No DesiredCount: CloudFormation sends a stated count with every update of the service, re-sizing whatever
        // shiplane, ECS's engine or autoscaling set since. Left out, ECS starts a new service at one task.
        ((CfnService) service.getNode().getDefaultChild()).addPropertyDeletionOverride("DesiredCount");
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

    /** The Fargate services: one, or blue then green. */
    List<FargateService> ecsServices() {
        return List.copyOf(ecsServices);
    }

    /** The target groups: one, or blue then green. */
    List<ApplicationTargetGroup> targetGroups() {
        return List.copyOf(targetGroups);
    }
}
