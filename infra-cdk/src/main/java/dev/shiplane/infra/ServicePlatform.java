package dev.shiplane.infra;

import dev.shiplane.core.config.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.constructs.Construct;

/**
 * The seed's platform for one environment, as shiplane finds it at run time: the network and front door
 * (child {@code Network}: VPC, ALB with the HTTPS listener, CloudFront), the ECS cluster named as the environment's
 * {@code cluster} with Container Insights (child {@code Cluster}), the data stores (child {@code Data}: PostgreSQL,
 * Redis), every service of the environment (a child named after it; both colours for the shiplane engine; the role
 * ECS's engine moves listener rules with, child {@code EcsLoadBalancerRole}, when a service runs on it), the
 * gate alarms the rollback rule matches (child {@code <service>GateAlarms}), the synthetic check of the environment
 * (child {@code SyntheticMonitoring}, when a service declares checks) and a dashboard of ECS CPU and memory
 * and the load balancer's requests, 5xx and 4xx (child {@code Dashboard}).
 */
public final class ServicePlatform extends Construct {

    /** Listener rule priority of the first service with specific paths; catch-all ({@code /*}) rules come last. */
    static final int FIRST_PRIORITY = 10;
    static final int CATCH_ALL_PRIORITY = 1000;
    /** Room below each service's rule for its two colour rules (pre-traffic checks), which must match first. */
    static final int PRIORITY_STEP = 10;

    private final PlatformNetwork network;
    private final Cluster cluster;
    private final PlatformData data;
    private final List<FargateService> ecsServices = new ArrayList<>();
    private final List<IAlarm> gateAlarms = new ArrayList<>();
    private final Dashboard dashboard;
    private final ChecksAccess checksAccess;
    private final SyntheticMonitoring synthetics;

    public ServicePlatform(Construct scope, String id, ServicePlatformProps props) {
        super(scope, id);
        var env = props.environment();
        var platform = props.platform();
        network = new PlatformNetwork(this, "Network", platform, availabilityZones(platform));
        cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(env.cluster())
                .vpc(network.vpc())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();
        var tasks = SecurityGroup.Builder.create(this, "TasksSecurityGroup")
                .vpc(network.vpc())
                .description("tasks of the services of " + env.cluster() + " (ALB in; data stores and AWS APIs out)")
                .allowAllOutbound(true)
                .build();
        data = new PlatformData(this, "Data", env.cluster(), platform, network.vpc(), tasks);
        var loadBalancerRole = props.services().stream().anyMatch(ServiceSpec::onEcsEngine)
                ? EcsLoadBalancerRole.create(this, "EcsLoadBalancerRole") : null;
        var placement = new PlatformService.Placement(env, platform, cluster, network.vpc(), tasks, network.https(),
                data, network.natSourceCidrs(), loadBalancerRole, props.ecrRegistries());
        checksAccess = new ChecksAccess(this, "ChecksAccess", env.name(), network.vpc());
        synthetics = SyntheticMonitoring.of(this, "SyntheticMonitoring", env, platform, props.services(),
                network.accessLogs()).orElse(null);
        Map<String, IAlarm> platformAlarms = synthetics == null ? Map.of()
                : Map.of(synthetics.alarmName(), synthetics.alarm());
        if (synthetics != null && props.services().stream().anyMatch(s -> s.alarmsIn(env).contains(synthetics.alarmName()))) {
            gateAlarms.add(synthetics.alarm());
        }

        int specific = FIRST_PRIORITY;
        int catchAll = CATCH_ALL_PRIORITY;
        for (var svc : props.services()) {
            boolean isCatchAll = platform.task(svc.name()).pathsFor(svc.name()).contains("/*");
            int priority;
            if (isCatchAll) {
                priority = catchAll;
                catchAll += PRIORITY_STEP;
            } else {
                priority = specific;
                specific += PRIORITY_STEP;
            }
            var service = new PlatformService(this, svc, placement, priority);
            ecsServices.addAll(service.ecsServices());
            var alarms = new GateAlarms(this, svc.name() + "GateAlarms", svc.name(), svc.alarmsIn(env),
                    service.targetGroups(), platformAlarms);
            gateAlarms.addAll(alarms.alarms());
            // ECS's engine watches the alarms during a deployment: they exist before the service does.
            if (svc.onEcsEngine()) {
                service.ecsServices().forEach(s -> s.getNode().addDependency(alarms));
                if (synthetics != null) service.ecsServices().forEach(s -> s.getNode().addDependency(synthetics));
            }
        }
        dashboard = dashboard(env.cluster(), network.loadBalancer());
    }

    /** The environment's synthetic check (canary and alarm), if it runs one. */
    Optional<SyntheticMonitoring> getSynthetics() {
        return Optional.ofNullable(synthetics);
    }

    /** Where the delivery stack's checks function for this environment runs. */
    public ChecksAccess getChecksAccess() {
        return checksAccess;
    }

    /**
     * The VPC's three AZs: those the platform block names, else the region's first three as CloudFormation lists
     * them when it deploys ({@code Fn::Select} over {@code Fn::GetAZs}), rather than names guessed at synth.
     */
    static List<String> availabilityZones(PlatformSpec platform) {
        if (!platform.availabilityZones().isEmpty()) return platform.availabilityZones();
        return IntStream.range(0, 3).mapToObj(i -> Fn.select(i, Fn.getAzs())).toList();
    }

    private Dashboard dashboard(String clusterName, ApplicationLoadBalancer alb) {
        var cpu = new ArrayList<IMetric>();
        var memory = new ArrayList<IMetric>();
        for (var service : ecsServices) {
            cpu.add(service.metricCpuUtilization());
            memory.add(service.metricMemoryUtilization());
        }
        List<IWidget> row1 = List.of(
                graph("ECS CPU utilization (%)", cpu, 12),
                graph("ECS memory utilization (%)", memory, 12));
        List<IWidget> row2 = List.of(
                graph("ALB requests", List.of(alb.getMetrics().requestCount()), 8),
                graph("ALB target 5xx", List.of(alb.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT)), 8),
                graph("ALB target 4xx", List.of(alb.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_4XX_COUNT)), 8));
        var board = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(clusterName + "-platform")
                .widgets(List.of(row1, row2))
                .build();
        if (!gateAlarms.isEmpty()) {
            board.addWidgets(AlarmStatusWidget.Builder.create().title("Gate alarms").alarms(gateAlarms).width(24)
                    .build());
        }
        return board;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, int width) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(width).build();
    }

    public Cluster getCluster() {
        return cluster;
    }

    public ApplicationLoadBalancer getLoadBalancer() {
        return network.loadBalancer();
    }

    public software.amazon.awscdk.services.cloudfront.Distribution getDistribution() {
        return network.distribution();
    }

    public software.amazon.awscdk.services.rds.DatabaseInstance getDatabase() {
        return data.database();
    }

    public software.amazon.awscdk.services.elasticache.CfnReplicationGroup getRedis() {
        return data.redis();
    }

    public software.amazon.awscdk.services.secretsmanager.ISecret getRedisAuthToken() {
        return data.redisAuthToken();
    }

    /** Every Fargate service, in configuration order (blue before green). */
    public List<FargateService> getEcsServices() {
        return List.copyOf(ecsServices);
    }

    /** The gate alarms this platform created, named as {@code shiplane.yml} resolves them. */
    public List<IAlarm> getGateAlarms() {
        return List.copyOf(gateAlarms);
    }

    public Dashboard getDashboard() {
        return dashboard;
    }
}
