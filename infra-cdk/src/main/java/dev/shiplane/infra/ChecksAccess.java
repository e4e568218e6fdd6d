package dev.shiplane.infra;

import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ssm.StringListParameter;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Where the delivery stack's checks function for one environment runs: the platform VPC's private subnets (with NAT
 * egress) and its own security group (child {@code SecurityGroup}, outbound only), published as SSM parameters
 * ({@code /shiplane/<env>/checks/subnet-ids} and {@code .../security-group-id}) that the delivery stack reads when it
 * is deployed. Parameters rather than stack exports keep the two stacks deployable on their own.
 */
public final class ChecksAccess extends Construct {

    private final SecurityGroup securityGroup;

    ChecksAccess(Construct scope, String id, String environment, IVpc vpc) {
        super(scope, id);
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(vpc)
                .description("shiplane checks function of " + environment + ": HTTP(S) requests to the services")
                .allowAllOutbound(true)
                .build();
        StringListParameter.Builder.create(this, "SubnetIds")
                .parameterName(subnetIdsParameter(environment))
                .description("shiplane: subnets the " + environment + " checks function runs in")
                .stringListValue(vpc.selectSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()).getSubnetIds())
                .build();
        StringParameter.Builder.create(this, "SecurityGroupId")
                .parameterName(securityGroupParameter(environment))
                .description("shiplane: security group of the " + environment + " checks function")
                .stringValue(securityGroup.getSecurityGroupId())
                .build();
    }

    static String subnetIdsParameter(String environment) {
        return "/shiplane/" + environment + "/checks/subnet-ids";
    }

    static String securityGroupParameter(String environment) {
        return "/shiplane/" + environment + "/checks/security-group-id";
    }

    public SecurityGroup getSecurityGroup() {
        return securityGroup;
    }
}
