package dev.shiplane.core.canary;

import dev.shiplane.core.gate.HttpCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The health and smoke checks a rollout must pass, fixed when it starts (a config change mid-rollout does not move
 * the goalposts), and those already passed in the phase now checking.
 *
 * @param preTraffic    checks against the new colour alone before any traffic moves
 * @param postPromotion checks against the live service once all traffic is on the new colour, before the old colour
 *                      is scaled down
 * @param passed        checks of the current check phase that passed; cleared when the phase changes
 */
public record RolloutChecks(List<String> preTraffic, List<String> postPromotion, List<String> passed) {

    public static final RolloutChecks NONE = new RolloutChecks(List.of(), List.of(), List.of());

    public RolloutChecks {
        preTraffic = preTraffic == null ? List.of() : List.copyOf(preTraffic);
        postPromotion = postPromotion == null ? List.of() : List.copyOf(postPromotion);
        passed = passed == null ? List.of() : List.copyOf(passed);
    }

    public static RolloutChecks of(List<HttpCheck> checks) {
        return new RolloutChecks(
                checks.stream().filter(c -> c.phase() == HttpCheck.Phase.PRE_TRAFFIC).map(HttpCheck::name).toList(),
                checks.stream().filter(c -> c.phase() == HttpCheck.Phase.POST_PROMOTION).map(HttpCheck::name).toList(),
                List.of());
    }

    public List<String> in(HttpCheck.Phase phase) {
        return phase == HttpCheck.Phase.PRE_TRAFFIC ? preTraffic : postPromotion;
    }

    RolloutChecks passing(String check) {
        if (passed.contains(check)) return this;
        var now = new ArrayList<>(passed);
        now.add(check);
        return new RolloutChecks(preTraffic, postPromotion, now);
    }

    boolean allPassed(HttpCheck.Phase phase) {
        return passed.containsAll(in(phase));
    }

    RolloutChecks cleared() {
        return new RolloutChecks(preTraffic, postPromotion, List.of());
    }
}
