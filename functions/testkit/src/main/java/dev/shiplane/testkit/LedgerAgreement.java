package dev.shiplane.testkit;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.ledger.StableRevision;
import dev.shiplane.core.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Whether the ledger agrees with ECS: for every service shiplane keeps a head for, the head's stable revision is the
 * one ECS runs — the service's task definition, or for a two-service app that of the colour the listener rule sends
 * all traffic to — and the image the ledger records for that revision is the one its task definition names.
 * A service in the middle of a change (lease held, actions pending, a rollout or deployment under way, traffic
 * split) is listed as unsettled rather than judged: there the ledger is meant to be ahead of or behind ECS.
 */
public final class LedgerAgreement {

    /**
     * @param agreeing      {@code env/service} of each service whose head agrees with ECS
     * @param unsettled     {@code env/service (why)} of each service in the middle of a change
     * @param disagreements one line per service whose head names another revision or image than ECS runs
     */
    public record Report(List<String> agreeing, List<String> unsettled, List<String> disagreements) {

        public boolean agrees() {
            return disagreements.isEmpty();
        }

        @Override
        public String toString() {
            return "agreeing " + agreeing + ", unsettled " + unsettled + ", disagreeing " + disagreements;
        }
    }

    private static final int HISTORY_READ = 50;

    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;

    public LedgerAgreement(TestAws aws) {
        this.ecs = aws.ecs();
        this.elb = aws.build(ElasticLoadBalancingV2Client.builder());
    }

    /** Every service of every environment of {@code config} that has a head in {@code ledger}. */
    public Report check(ShiplaneConfig config, Ledger ledger) {
        List<String> agreeing = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (var environment : config.environments()) {
            for (var target : config.targetsIn(environment.name())) {
                var name = target.env() + "/" + target.serviceName();
                var head = ledger.serviceState(target.env(), target.serviceName());
                if (head.version() == 0) continue; // shiplane never wrote here: nothing to agree about
                var changing = changing(target, head, ledger);
                var serving = changing != null ? null : servingService(target);
                if (changing == null && serving == null) changing = "traffic split between the colours";
                if (changing != null) {
                    unsettled.add(name + " (" + changing + ")");
                    continue;
                }
                var disagreement = disagreement(target, head, serving, ledger);
                if (disagreement == null) agreeing.add(name);
                else disagreements.add(name + ": " + disagreement);
            }
        }
        return new Report(agreeing, unsettled, disagreements);
    }

    /** Why the head is mid-change, or {@code null} when it is at rest. */
    private static String changing(Target target, ServiceState head, Ledger ledger) {
        if (head.leaseOwner() != null) return "leased to " + head.leaseOwner();
        if (!head.pending().isEmpty()) return head.pending().size() + " action(s) pending";
        if (head.rollout() != null && head.rollout().phase().active()) {
            return "rollout " + head.rollout().phase().code();
        }
        if (head.activeDeploymentId() == null) return null;
        var active = ledger.deployment(target.env(), target.serviceName(), head.activeDeploymentId());
        return active.filter(d -> d.status() == DeploymentStatus.PENDING || d.status() == DeploymentStatus.STARTED)
                .map(d -> "deployment " + d.deploymentId() + " " + d.status().code()).orElse(null);
    }

    private String disagreement(Target target, ServiceState head, String serving, Ledger ledger) {
        var running = ecs.describeServices(r -> r.cluster(target.cluster()).services(serving)).services()
                .getFirst().taskDefinition();
        if (!running.equals(head.stableTaskDefinition())) {
            return "the ledger's stable revision is " + head.stableTaskDefinition() + ", ECS runs " + running
                    + " on " + serving;
        }
        var recorded = StableRevision.imageOf(head.stableTaskDefinition(),
                ledger.history(target.env(), target.serviceName(), HISTORY_READ));
        if (recorded.isEmpty()) return null; // a revision no deployment ran (the one before shiplane): no image kept
        var image = ecs.describeTaskDefinition(r -> r.taskDefinition(running)).taskDefinition().containerDefinitions()
                .stream().filter(c -> c.name().equals(target.service().container())).findFirst()
                .map(c -> c.image()).orElse(null);
        return recorded.get().uri().equals(image) ? null
                : "the ledger's image of " + running + " is " + recorded.get().uri() + ", its task definition runs "
                        + image;
    }

    /**
     * The ECS service that serves the target's traffic: the service itself, or the colour whose target group the
     * listener rule gives all the weight (read from the load balancer, not the ledger); {@code null} while split.
     */
    private String servingService(Target target) {
        if (!target.service().twoColours()) return target.ecsService();
        var names = target.service().colours(target.environment());
        var groups = elb.describeTargetGroups(r -> r.names(names.blueTargetGroup(), names.greenTargetGroup()))
                .targetGroups();
        var blueArn = arnOf(groups, names.blueTargetGroup());
        var greenArn = arnOf(groups, names.greenTargetGroup());
        for (var lb : groups.getFirst().loadBalancerArns()) {
            for (var listener : elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners()) {
                for (var rule : elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules()) {
                    for (var action : rule.actions()) {
                        if (action.type() != ActionTypeEnum.FORWARD || action.forwardConfig() == null) continue;
                        var tuples = action.forwardConfig().targetGroups();
                        var arns = tuples.stream().map(TargetGroupTuple::targetGroupArn).toList();
                        if (!arns.contains(blueArn) || !arns.contains(greenArn)) continue;
                        return live(tuples, blueArn, names);
                    }
                }
            }
        }
        throw new IllegalStateException("no listener rule forwards to both " + names.blueTargetGroup() + " and "
                + names.greenTargetGroup());
    }

    private static String live(List<TargetGroupTuple> tuples, String blueArn, BlueGreenNames names) {
        int blue = 0;
        int total = 0;
        for (var t : tuples) {
            int weight = t.weight() == null ? 1 : t.weight();
            total += weight;
            if (t.targetGroupArn().equals(blueArn)) blue += weight;
        }
        if (blue == total) return names.blueService();
        if (blue == 0) return names.greenService();
        return null;
    }

    private static String arnOf(List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup> groups,
                                String name) {
        return groups.stream().filter(g -> g.targetGroupName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("target group " + name + " not found"))
                .targetGroupArn();
    }
}
