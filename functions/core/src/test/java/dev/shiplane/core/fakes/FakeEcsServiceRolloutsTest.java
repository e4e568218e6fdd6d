package dev.shiplane.core.fakes;

import dev.shiplane.core.rollout.ServiceRollouts;
import java.util.Map;

class FakeEcsServiceRolloutsTest extends ServiceRolloutsContract {

    private final FakeEcs ecs = new FakeEcs();

    @Override
    protected ServiceRollouts rollouts() {
        return ecs;
    }

    @Override
    protected String givenService(String cluster, String service) {
        return ecs.service(cluster, service, "app", "monynha/" + service + ":1.0.0");
    }

    @Override
    protected String newRevisionOf(String taskDefinitionArn) {
        return ecs.registerWithImage(taskDefinitionArn, "app", "monynha/app:2.0.0", Map.of());
    }

    @Override
    protected String runs(String cluster, String service) {
        return ecs.taskDefinitionOf(cluster, service);
    }
}
