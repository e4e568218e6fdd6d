package dev.shiplane.core.fakes;

import dev.shiplane.core.rollout.TrafficRouter;
import dev.shiplane.core.canary.Routing;

class FakeRouterTest extends TrafficRouterContract {

    private final FakeRouter router = new FakeRouter();

    @Override
    protected TrafficRouter router() {
        return router;
    }

    @Override
    protected void givenProgressiveService(String cluster, String service) {
        router.routes(names(cluster, service));
    }

    @Override
    protected String weightsOf(Routing routing) {
        return router.weights(routing);
    }
}
