package dev.shiplane.core.canary;

/**
 * The resolved traffic plumbing of a progressive service in one environment: the listener rule that forwards to
 * both target groups with weights, and the two colours' ECS services. Resolved once per rollout and kept with it.
 */
public record Routing(String listenerRuleArn, String blueTargetGroupArn, String greenTargetGroupArn,
                      String blueService, String greenService) {

    public String service(Colour colour) {
        return colour == Colour.BLUE ? blueService : greenService;
    }

    public String targetGroup(Colour colour) {
        return colour == Colour.BLUE ? blueTargetGroupArn : greenTargetGroupArn;
    }
}
