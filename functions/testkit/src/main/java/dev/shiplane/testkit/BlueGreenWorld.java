package dev.shiplane.testkit;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A progressive service's plumbing in the emulator, as the CDK ServiceInfra stack creates it in AWS: a load balancer
 * per cluster, blue and green target groups per service, one listener rule forwarding to both (100/0), and the two
 * ECS services.
 */
public final class BlueGreenWorld {

    private final TestAws aws;
    private final ElasticLoadBalancingV2Client elb;
    private final Ec2Client ec2;

    public BlueGreenWorld(TestAws aws) {
        this.aws = aws;
        this.elb = aws.build(ElasticLoadBalancingV2Client.builder());
        this.ec2 = aws.build(Ec2Client.builder());
    }

    public ElasticLoadBalancingV2Client elb() {
        return elb;
    }

    /** A load balancer with an HTTP listener for a cluster; returns the listener ARN. */
    public String loadBalancer(String cluster) {
        var vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        var a = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone(AwsEmulator.REGION + "a"))
                .subnet().subnetId();
        var b = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone(AwsEmulator.REGION + "b"))
                .subnet().subnetId();
        var lb = elb.createLoadBalancer(r -> r.name(cluster).subnets(a, b)).loadBalancers().getFirst().loadBalancerArn();
        return elb.createListener(r -> r.loadBalancerArn(lb).protocol("HTTP").port(80).defaultActions(d -> d
                .type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("404"))))
                .listeners().getFirst().listenerArn();
    }

    /**
     * Target groups {@code <cluster>-<service>-blue/-green}, a rule sending all traffic to blue, and ECS services
     * {@code <service>-blue} (at {@code size}) and {@code <service>-green} (at 0), both on the same task definition.
     *
     * @return the listener rule ARN
     */
    public String progressiveService(String listenerArn, int priority, String cluster, String service, String image,
                                     int size) {
        var vpc = elb.describeLoadBalancers(r -> r.loadBalancerArns(loadBalancerOf(listenerArn))).loadBalancers()
                .getFirst().vpcId();
        var blue = targetGroup(cluster + "-" + service + "-blue", vpc);
        var green = targetGroup(cluster + "-" + service + "-green", vpc);
        var rule = elb.createRule(r -> r.listenerArn(listenerArn).priority(priority)
                .conditions(c -> c.field("path-pattern").values("/" + service + "/*"))
                .actions(x -> x.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(blue).weight(100).build(),
                        TargetGroupTuple.builder().targetGroupArn(green).weight(0).build()))))
                .rules().getFirst().ruleArn();
        var td = aws.ecsService(cluster, service + "-blue", service, image);
        aws.ecs().updateService(r -> r.cluster(cluster).service(service + "-blue").desiredCount(size));
        aws.ecs().createService(r -> r.cluster(cluster).serviceName(service + "-green").taskDefinition(td).desiredCount(0));
        return rule;
    }

    /** The rule's weights as {@code blue=N green=M}, read back from the emulator. */
    public String weights(String ruleArn) {
        Rule rule = elb.describeRules(r -> r.ruleArns(ruleArn)).rules().getFirst();
        var groups = rule.actions().getFirst().forwardConfig().targetGroups();
        int blue = 0;
        int green = 0;
        for (var g : groups) {
            var name = elb.describeTargetGroups(r -> r.targetGroupArns(g.targetGroupArn())).targetGroups().getFirst()
                    .targetGroupName();
            if (name.endsWith("-blue")) blue = g.weight();
            else green = g.weight();
        }
        return "blue=" + blue + " green=" + green;
    }

    private String targetGroup(String name, String vpc) {
        return elb.createTargetGroup(r -> r.name(name).protocol("HTTP").port(8080).vpcId(vpc).targetType("ip"))
                .targetGroups().getFirst().targetGroupArn();
    }

    private String loadBalancerOf(String listenerArn) {
        return elb.describeListeners(r -> r.listenerArns(listenerArn)).listeners().getFirst().loadBalancerArn();
    }

    /** A CloudWatch alarm in state {@code OK}; tests move it with {@link #setAlarm}. */
    public void alarm(String name) {
        var cw = aws.build(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder());
        cw.putMetricAlarm(r -> r.alarmName(name).metricName("HTTPCode_Target_5XX_Count").namespace("AWS/ApplicationELB")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator("GreaterThanThreshold"));
        setAlarm(name, "OK", "initial");
    }

    public void setAlarm(String name, String state, String reason) {
        var cw = aws.build(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder());
        cw.setAlarmState(r -> r.alarmName(name).stateValue(state).stateReason(reason));
    }

    public List<String> services(String cluster) {
        return aws.ecs().listServices(r -> r.cluster(cluster)).serviceArns();
    }
}
