package dev.shiplane.aws;

import dev.shiplane.core.fakes.TrafficRouterContract;
import dev.shiplane.core.rollout.TrafficRouter;
import dev.shiplane.core.canary.Routing;
import dev.shiplane.testkit.BlueGreenWorld;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The traffic router contract against an Application Load Balancer's listener rules in the emulator. */
@ExtendWith(EmulatorExtension.class)
class AlbWeightedTrafficRouterTest extends TrafficRouterContract {

    private BlueGreenWorld world;
    private final Map<String, String> listeners = new HashMap<>();
    private int priority;

    @BeforeEach
    void world(TestAws aws) {
        world = new BlueGreenWorld(aws);
    }

    @Override
    protected TrafficRouter router() {
        return new AlbWeightedTrafficRouter(world.elb());
    }

    @Override
    protected void givenProgressiveService(String cluster, String service) {
        var listener = listeners.computeIfAbsent(cluster, world::loadBalancer);
        world.progressiveService(listener, ++priority, cluster, service, "monynha/" + service + ":1.0.0", 2);
    }

    @Override
    protected String weightsOf(Routing routing) {
        return world.weights(routing.listenerRuleArn());
    }
}
