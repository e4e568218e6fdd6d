package dev.shiplane.aws;

import dev.shiplane.core.fakes.ServiceRolloutsContract;
import dev.shiplane.core.rollout.ServiceRollouts;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The service rollouts contract against ECS in the emulator. */
@ExtendWith(EmulatorExtension.class)
class EcsServiceRolloutsTest extends ServiceRolloutsContract {

    private TestAws aws;
    private EcsClient ecs;

    @BeforeEach
    void client(TestAws aws) {
        this.aws = aws;
        ecs = aws.ecs();
    }

    @Override
    protected ServiceRollouts rollouts() {
        return new EcsServiceRollouts(ecs);
    }

    @Override
    protected String givenService(String cluster, String service) {
        return aws.ecsService(cluster, service, "app", "monynha/" + service + ":1.0.0");
    }

    @Override
    protected String newRevisionOf(String taskDefinitionArn) {
        return new EcsTaskDefinitions(ecs).registerWithImage(taskDefinitionArn, "app", "monynha/app:2.0.0", Map.of());
    }

    @Override
    @Test
    @Disabled("moto keeps a service's deployment id across UpdateService calls unless forced; ECS does not")
    protected void everyRoll_isAnotherDeployment() {
    }

    @Override
    protected String runs(String cluster, String service) {
        return ecs.describeServices(r -> r.cluster(cluster).services(service)).services().getFirst().taskDefinition();
    }
}
