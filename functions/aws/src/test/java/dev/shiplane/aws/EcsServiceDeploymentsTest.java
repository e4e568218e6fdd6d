package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/**
 * The service deployment under way, as ListServiceDeployments reports it. moto 5.2 does not emulate the service
 * deployment APIs (it answers 500); the sandbox's moto launcher adds them, and until it does this test is skipped,
 * saying why, rather than passing without asking anything.
 */
@ExtendWith(EmulatorExtension.class)
class EcsServiceDeploymentsTest {

    EcsClient ecs;

    @BeforeEach
    void world(TestAws aws) {
        ecs = aws.ecs();
        var original = aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        var next = new EcsTaskDefinitions(ecs).registerWithImage(original, "web", "monynha/web:1.1.0", Map.of());
        ecs.updateService(r -> r.cluster("monynha-prod").service("web").taskDefinition(next));
    }

    @Test
    void inProgressNamesTheServicesDeploymentUnderWay() {
        try {
            ecs.listServiceDeployments(r -> r.cluster("monynha-prod").service("web"));
        } catch (EcsException notEmulated) {
            Assumptions.abort("the emulator does not answer ListServiceDeployments (" + notEmulated.statusCode() + ")");
        }

        var running = new EcsServiceDeployments(ecs).inProgress("monynha-prod", "web");

        assertThat(running).hasValueSatisfying(arn -> assertThat(arn).contains(":service-deployment/monynha-prod/web/"));
    }
}
