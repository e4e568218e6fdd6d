package dev.shiplane.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The role ECS's deployment engine assumes to move a native service's traffic: it reweighs the production and test
 * listener rules between the two target groups (the service's {@code AdvancedConfiguration.RoleArn}).
 */
final class EcsLoadBalancerRole {

    static final String MANAGED_POLICY = "service-role/AmazonECSInfrastructureRolePolicyForLoadBalancers";

    private EcsLoadBalancerRole() {}

    static IRole create(Construct scope, String id) {
        var role = Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .description("ECS's deployment engine: moves the listener rules' weights of the services on it")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(MANAGED_POLICY)))
                .build();
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM4")
                .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/" + MANAGED_POLICY))
                .reason("AWS's policy for ECS's infrastructure role: exactly the Describe/ModifyRule/ModifyListener"
                        + " calls ECS's blue/green, canary and linear deployments make; AWS keeps it in step with ECS")
                .build()));
        return role;
    }
}
