package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;

/**
 * The service deployment under way, as ListServiceDeployments reports it (moto 5.2 does not emulate the service
 * deployment APIs; the repository's moto launcher adds them, starting one when a service on ECS's engine is updated).
 */
@ExtendWith(EmulatorExtension.class)
class EcsServiceDeploymentsTest {

    EcsClient ecs;

    @BeforeEach
    void world(TestAws aws) {
        ecs = aws.ecs();
        var original = aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        var next = new EcsTaskDefinitions(ecs).registerWithImage(original, "web", "monynha/web:1.1.0", Map.of());
        ecs.updateService(r -> r.cluster("monynha-prod").service("web").taskDefinition(next)
                .deploymentConfiguration(c -> c.strategy(DeploymentStrategy.CANARY)
                        .canaryConfiguration(k -> k.canaryPercent(10.0).canaryBakeTimeInMinutes(5))));
    }

    @Test
    void inProgressNamesTheServicesDeploymentUnderWay() {
        var running = new EcsServiceDeployments(ecs).inProgress("monynha-prod", "web");

        assertThat(running).hasValueSatisfying(arn -> assertThat(arn).contains(":service-deployment/monynha-prod/web/"));
    }
}
