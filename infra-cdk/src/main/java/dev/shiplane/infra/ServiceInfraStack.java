package dev.shiplane.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One environment's platform (stack {@code ShiplaneServiceInfra-<env>}): the {@link ServicePlatform} its
 * {@code platform} block in {@code shiplane.yml} describes, and its outputs. It composes and exports only.
 *
 * <p>Unlike the delivery stack it is bound to an account and region, those of its certificate: an ALB can only use
 * a certificate of its own account and region, and ALB access logging needs the region's log-delivery principal.
 * The VPC's AZs are given (from the config, or the region's first three by {@code Fn::GetAZs}) rather than looked
 * up, so synth still needs no credentials.
 */
public final class ServiceInfraStack extends Stack {

    static final String STACK_NAME_PREFIX = "ShiplaneServiceInfra-";

    private final ServicePlatform platform;
    private final String environment;

    ServiceInfraStack(Construct scope, ServicePlatformProps props) {
        super(scope, nameFor(props.environment().name()), StackProps.builder()
                .stackName(nameFor(props.environment().name()))
                .description("shiplane: the " + props.environment().name() + " platform (VPC, ALB, ECS "
                        + props.environment().cluster() + ", PostgreSQL, Redis, CloudFront, gate alarms)")
                .env(Environment.builder()
                        .account(props.platform().account())
                        .region(props.platform().region())
                        .build())
                .build());
        // The key CDK's availability-zones context provider reads: set to the AZs the VPC will use, it is never
        // fetched from the account, so synth needs no credentials.
        getNode().setContext("availability-zones:account=" + props.platform().account() + ":region="
                + props.platform().region(), ServicePlatform.availabilityZones(props.platform()));
        environment = props.environment().name();
        platform = new ServicePlatform(this, "Platform", props);

        output("ClusterName", platform.getCluster().getClusterName(), "the ECS cluster shiplane deploys to");
        output("LoadBalancerDnsName", platform.getLoadBalancer().getLoadBalancerDnsName(),
                "point the platform domain (CloudFront's origin, on the certificate) at this name");
        output("DistributionDomainName", platform.getDistribution().getDistributionDomainName(),
                "the CloudFront distribution in front of the load balancer");
        output("DatabaseEndpoint", platform.getDatabase().getDbInstanceEndpointAddress(), "PostgreSQL's host");
        output("DatabaseSecretArn", platform.getDatabase().getSecret().getSecretArn(),
                "the PostgreSQL master user's credentials (Secrets Manager)");
        output("RedisEndpoint", platform.getRedis().getAttrPrimaryEndPointAddress(), "Redis's primary endpoint");
        output("RedisAuthTokenSecretArn", platform.getRedisAuthToken().getSecretArn(),
                "Redis's AUTH token (Secrets Manager)");
        platform.getSynthetics().ifPresent(synthetics -> output("SyntheticCheckAlarmName", synthetics.alarmName(),
                "the synthetic check's alarm, which a service lists among its gate alarms as {env}-synthetics"));
        output("DashboardName", platform.getDashboard().getDashboardName(), "the platform's CloudWatch dashboard");
    }

    static String nameFor(String environment) {
        return STACK_NAME_PREFIX + environment;
    }

    /** The shiplane.yml environment this platform is for. */
    public String shiplaneEnvironment() {
        return environment;
    }

    public ServicePlatform getPlatform() {
        return platform;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
