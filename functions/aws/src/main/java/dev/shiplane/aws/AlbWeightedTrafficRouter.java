package dev.shiplane.aws;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.rollout.TrafficRouter;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Routing;
import java.util.HashSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * {@link TrafficRouter} on an Application Load Balancer listener rule with a weighted forward action. Discovery
 * costs a few calls once per rollout; every weight change afterwards is a single ModifyRule.
 */
public final class AlbWeightedTrafficRouter implements TrafficRouter {

    private final ElasticLoadBalancingV2Client elb;

    public AlbWeightedTrafficRouter(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    @Override
    public Routing discover(BlueGreenNames names) {
        java.util.List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> groups;
        try {
            groups = elb.describeTargetGroups(r -> r.names(names.blueTargetGroup(), names.greenTargetGroup()))
                    .targetGroups();
        } catch (TargetGroupNotFoundException e) {
            throw new IllegalStateException("target groups " + names.blueTargetGroup() + " and "
                    + names.greenTargetGroup() + " must both exist: " + e.awsErrorDetails().errorMessage(), e);
        }
        var blue = groups.stream().filter(g -> g.targetGroupName().equals(names.blueTargetGroup())).findFirst()
                .orElseThrow(() -> new IllegalStateException("target group " + names.blueTargetGroup() + " not found"));
        var green = groups.stream().filter(g -> g.targetGroupName().equals(names.greenTargetGroup())).findFirst()
                .orElseThrow(() -> new IllegalStateException("target group " + names.greenTargetGroup() + " not found"));
        var loadBalancers = new HashSet<>(blue.loadBalancerArns());
        for (var lb : loadBalancers) {
            for (var listener : elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()) {
                for (var rule : elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules()) {
                    if (forwardsToBoth(rule, blue.targetGroupArn(), green.targetGroupArn())) {
                        return new Routing(rule.ruleArn(), blue.targetGroupArn(), green.targetGroupArn(),
                                names.blueService(), names.greenService());
                    }
                }
            }
        }
        throw new IllegalStateException("no listener rule forwards to both " + names.blueTargetGroup() + " and "
                + names.greenTargetGroup() + " (load balancers " + loadBalancers + ")");
    }

    @Override
    public void setWeights(Routing routing, Colour canary, int canaryWeight) {
        int blueWeight = canary == Colour.BLUE ? canaryWeight : 100 - canaryWeight;
        elb.modifyRule(r -> r.ruleArn(routing.listenerRuleArn()).actions(a -> a
                .type(ActionTypeEnum.FORWARD)
                .forwardConfig(f -> f.targetGroups(
                        TargetGroupTuple.builder().targetGroupArn(routing.blueTargetGroupArn()).weight(blueWeight).build(),
                        TargetGroupTuple.builder().targetGroupArn(routing.greenTargetGroupArn())
                                .weight(100 - blueWeight).build()))));
    }

    private static boolean forwardsToBoth(Rule rule, String blueArn, String greenArn) {
        return rule.actions().stream()
                .filter(a -> a.type() == ActionTypeEnum.FORWARD && a.forwardConfig() != null)
                .anyMatch(a -> {
                    var arns = a.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn).toList();
                    return arns.contains(blueArn) && arns.contains(greenArn);
                });
    }
}
