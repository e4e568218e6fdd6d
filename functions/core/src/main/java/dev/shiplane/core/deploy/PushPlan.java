package dev.shiplane.core.deploy;

import java.time.Duration;
import java.util.List;

/**
 * What a push of one image would do to one service in one environment, computed without touching anything.
 *
 * @param env        environment
 * @param service    service
 * @param deploys    whether the push would start a deployment here
 * @param reason     skip reason code ({@code policy}, {@code promotion}, {@code no-tag}, …) when it would not deploy
 * @param verdict    the tag policy's explanation, for people
 * @param freeze     {@code none}, or {@code frozen: } and which freeze (a push would be skipped: {@code freeze})
 * @param strategy   {@code rolling}, {@code canary}, …
 * @param steps      canary weights in percent ({@code [100]} for rolling)
 * @param bake       how long each step bakes
 * @param gates      the gates a deployment here passes, for people ({@code scan ≤ MEDIUM (30m);
 *                   pre-traffic: health; post-promotion: health}), or {@code none}
 */
public record PushPlan(String env, String service, boolean deploys, String reason, String verdict, String freeze,
                       String strategy, List<Integer> steps, Duration bake, String gates) {

    public PushPlan {
        steps = List.copyOf(steps);
    }
}
