package dev.shiplane.core.fakes;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.rollout.TrafficRouter;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Routing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted routing in memory: the target groups and rules the test declared ({@link #routes}), the weights of each
 * rule, and every change, in order. Like the load balancer, it cannot discover target groups nobody created.
 */
public final class FakeRouter implements TrafficRouter {

    private final Set<String> targetGroups = new HashSet<>();
    private final Set<String> rules = new HashSet<>();
    private final Map<String, Integer> blueWeights = new HashMap<>();
    private final List<String> changes = new ArrayList<>();
    private String lastChanged;
    private int failuresLeft;

    /** Target groups {@code names} name, and a listener rule forwarding all traffic to blue. */
    public synchronized FakeRouter routes(BlueGreenNames names) {
        targetGroups.add(names.blueTargetGroup());
        targetGroups.add(names.greenTargetGroup());
        rules.add(ruleOf(names.blueTargetGroup(), names.greenTargetGroup()));
        return this;
    }

    @Override
    public synchronized Routing discover(BlueGreenNames names) {
        for (var group : List.of(names.blueTargetGroup(), names.greenTargetGroup())) {
            if (!targetGroups.contains(group)) {
                throw new IllegalStateException("target groups " + names.blueTargetGroup() + " and "
                        + names.greenTargetGroup() + " must both exist: " + group + " not found");
            }
        }
        var rule = ruleOf(names.blueTargetGroup(), names.greenTargetGroup());
        if (!rules.contains(rule)) {
            throw new IllegalStateException("no listener rule forwards to both " + names.blueTargetGroup() + " and "
                    + names.greenTargetGroup());
        }
        return new Routing(rule, "tg/" + names.blueTargetGroup(), "tg/" + names.greenTargetGroup(),
                names.blueService(), names.greenService());
    }

    @Override
    public synchronized void setWeights(Routing routing, Colour canary, int canaryWeight) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("ModifyRule throttled (injected)");
        }
        blueWeights.put(routing.listenerRuleArn(), canary == Colour.BLUE ? canaryWeight : 100 - canaryWeight);
        lastChanged = routing.listenerRuleArn();
        changes.add(weights(routing));
    }

    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    /** The weights of the rule changed last ({@code blue=100 green=0} before any change). */
    public synchronized String weights() {
        return weightsOf(lastChanged);
    }

    /** The weights of {@code routing}'s rule as {@code blue=N green=M}. */
    public synchronized String weights(Routing routing) {
        return weightsOf(routing.listenerRuleArn());
    }

    /** Every weight change, of any rule, in order. */
    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    private String weightsOf(String rule) {
        int blue = rule == null ? 100 : blueWeights.getOrDefault(rule, 100);
        return "blue=" + blue + " green=" + (100 - blue);
    }

    private static String ruleOf(String blueTargetGroup, String greenTargetGroup) {
        return "rule/" + blueTargetGroup + "+" + greenTargetGroup;
    }
}
