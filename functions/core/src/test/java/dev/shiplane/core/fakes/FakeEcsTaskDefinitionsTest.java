package dev.shiplane.core.fakes;

import dev.shiplane.core.deploy.TaskDefinitions;
import java.util.Map;

class FakeEcsTaskDefinitionsTest extends TaskDefinitionsContract {

    private final FakeEcs ecs = new FakeEcs();

    @Override
    protected TaskDefinitions taskDefinitions() {
        return ecs;
    }

    @Override
    protected String givenService(String cluster, String service, String container, String image) {
        return ecs.service(cluster, service, container, image);
    }

    @Override
    protected String imageOf(String taskDefinitionArn, String container) {
        return ecs.imageOf(taskDefinitionArn, container);
    }

    @Override
    protected Map<String, String> labelsOf(String taskDefinitionArn, String container) {
        return ecs.labelsOf(taskDefinitionArn);
    }
}
