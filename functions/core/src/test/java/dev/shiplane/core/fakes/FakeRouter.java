package dev.shiplane.core.fakes;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.ports.TrafficRouter;
import dev.shiplane.core.rollout.Colour;
import dev.shiplane.core.rollout.Routing;
import java.util.ArrayList;
import java.util.List;

/** Weighted routing in memory: remembers the weights of each target group and every change, in order. */
public final class FakeRouter implements TrafficRouter {

    private final List<String> changes = new ArrayList<>();
    private int blueWeight = 100;
    private int greenWeight;
    private int failuresLeft;

    @Override
    public Routing discover(BlueGreenNames names) {
        return new Routing("rule/" + names.blueTargetGroup(), "tg/" + names.blueTargetGroup(),
                "tg/" + names.greenTargetGroup(), names.blueService(), names.greenService());
    }

    @Override
    public synchronized void setWeights(Routing routing, Colour canary, int canaryWeight) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("ModifyRule throttled (injected)");
        }
        blueWeight = canary == Colour.BLUE ? canaryWeight : 100 - canaryWeight;
        greenWeight = 100 - blueWeight;
        changes.add("blue=" + blueWeight + " green=" + greenWeight);
    }

    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    public synchronized String weights() {
        return "blue=" + blueWeight + " green=" + greenWeight;
    }

    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }
}
