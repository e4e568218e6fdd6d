package dev.shiplane.sandbox.ecsengine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A native service's production listener rule in moto, forwarding to its two target groups as ECS's blue/green
 * engine keeps them ({@code loadBalancers[].targetGroupArn} and {@code advancedConfiguration.alternateTargetGroupArn}):
 * one serves the running revision, the other receives the new one, and they swap roles when a deployment succeeds.
 */
public final class ListenerRuleTraffic implements ProductionTraffic {

    /** A service's rule and its two target groups; {@code live} is the index of the one serving production. */
    private static final class Route {
        final String ruleArn;
        final List<String> targetGroups;
        int live;

        Route(String ruleArn, List<String> targetGroups) {
            this.ruleArn = ruleArn;
            this.targetGroups = targetGroups;
        }
    }

    private final ElasticLoadBalancingV2Client elb;
    private final Map<String, Route> routes = new HashMap<>();

    public ListenerRuleTraffic(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** {@code cluster/service}'s production rule; {@code primaryTargetGroup} serves production now. */
    public void route(String cluster, String service, String ruleArn, String primaryTargetGroup,
                      String alternateTargetGroup) {
        routes.put(cluster + "/" + service, new Route(ruleArn, List.of(primaryTargetGroup, alternateTargetGroup)));
    }

    @Override
    public void shift(String cluster, String service, double targetPercent) {
        var route = routes.get(cluster + "/" + service);
        if (route == null) return; // a service without a load balancer: ECS has no traffic to move
        int toNew = (int) Math.round(targetPercent);
        weights(route, 100 - toNew, toNew);
    }

    @Override
    public void settle(String cluster, String service, boolean promoted) {
        var route = routes.get(cluster + "/" + service);
        if (route == null || !promoted) return;
        route.live = 1 - route.live;
    }

    /** {@code primary=N alternate=M}, read back from the emulator, with the live one marked. */
    public String weights(String cluster, String service) {
        var route = routes.get(cluster + "/" + service);
        var groups = elb.describeRules(r -> r.ruleArns(route.ruleArn)).rules().getFirst().actions().getFirst()
                .forwardConfig().targetGroups();
        var text = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            var arn = route.targetGroups.get(i);
            int weight = groups.stream().filter(g -> g.targetGroupArn().equals(arn)).findFirst().orElseThrow().weight();
            text.append(i == 0 ? "primary=" : " alternate=").append(weight).append(route.live == i ? " (live)" : "");
        }
        return text.toString();
    }

    private void weights(Route route, int live, int next) {
        var liveGroup = route.targetGroups.get(route.live);
        var nextGroup = route.targetGroups.get(1 - route.live);
        elb.modifyRule(r -> r.ruleArn(route.ruleArn).actions(a -> a.type(ActionTypeEnum.FORWARD).forwardConfig(f -> f
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(liveGroup).weight(live).build(),
                        TargetGroupTuple.builder().targetGroupArn(nextGroup).weight(next).build()))));
    }
}
