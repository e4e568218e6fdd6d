package dev.shiplane.aws;

import dev.shiplane.core.fakes.TaskDefinitionsContract;
import dev.shiplane.core.deploy.TaskDefinitions;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** The task definitions contract against ECS in the emulator. */
@ExtendWith(EmulatorExtension.class)
class EcsTaskDefinitionsTest extends TaskDefinitionsContract {

    private TestAws aws;
    private EcsClient ecs;

    @BeforeEach
    void client(TestAws aws) {
        this.aws = aws;
        ecs = aws.ecs();
    }

    @Override
    protected TaskDefinitions taskDefinitions() {
        return new EcsTaskDefinitions(ecs);
    }

    @Override
    protected String givenService(String cluster, String service, String container, String image) {
        return aws.ecsService(cluster, service, container, image);
    }

    @Override
    protected String imageOf(String taskDefinitionArn, String container) {
        return containerOf(taskDefinitionArn, container).image();
    }

    @Override
    protected Map<String, String> labelsOf(String taskDefinitionArn, String container) {
        return containerOf(taskDefinitionArn, container).dockerLabels();
    }

    private ContainerDefinition containerOf(String taskDefinitionArn, String container) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)).taskDefinition()
                .containerDefinitions().stream().filter(c -> c.name().equals(container)).findFirst().orElseThrow();
    }
}
