package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * What a new revision carries over, on the emulator's ECS; the rest of {@link EcsTaskDefinitions} and
 * {@link EcsServiceRollouts} keeps their port contracts ({@link EcsTaskDefinitionsTest}, {@link EcsServiceRolloutsTest}).
 */
@ExtendWith(EmulatorExtension.class)
class EcsAdaptersTest {

    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:" + "e".repeat(64);

    TestAws aws;
    EcsClient ecs;
    String original;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        this.ecs = aws.ecs();
        original = aws.ecsService("monynha-staging", "web", "web", "monynha/web:1.0.0");
        ecs.tagResource(r -> r.resourceArn(original).tags(t -> t.key("team").value("platform")));
    }

    @Test
    void newRevisionChangesOnlyTheImageOfTheNamedContainer() {
        var registered = new EcsTaskDefinitions(ecs).registerWithImage(original, "web", IMAGE,
                Map.of("shiplane.image.tag", "1.4.2", "shiplane.deployment-id", "d-1"));

        var before = ecs.describeTaskDefinition(r -> r.taskDefinition(original)).taskDefinition();
        var after = ecs.describeTaskDefinition(r -> r.taskDefinition(registered).include(TaskDefinitionField.TAGS));
        var td = after.taskDefinition();
        assertThat(td.revision()).isEqualTo(before.revision() + 1);
        assertThat(td.family()).isEqualTo(before.family());
        ContainerDefinition web = td.containerDefinitions().getFirst();
        assertThat(web.image()).isEqualTo(IMAGE);
        assertThat(web.dockerLabels()).containsEntry("shiplane.image.tag", "1.4.2");
        var expected = before.containerDefinitions().getFirst().toBuilder().image(IMAGE)
                .dockerLabels(web.dockerLabels()).build();
        assertThat(web).isEqualTo(expected);
        assertThat(td.taskRoleArn()).isEqualTo(before.taskRoleArn());
        assertThat(td.executionRoleArn()).isEqualTo(before.executionRoleArn());
        assertThat(td.cpu()).isEqualTo(before.cpu());
        assertThat(td.memory()).isEqualTo(before.memory());
        assertThat(td.networkMode()).isEqualTo(before.networkMode());
        assertThat(td.requiresCompatibilities()).isEqualTo(before.requiresCompatibilities());
        assertThat(after.tags()).extracting(t -> t.key() + "=" + t.value())
                .contains("team=platform", "shiplane.image.tag=1.4.2", "shiplane.deployment-id=d-1");
    }

    @Test
    void sidecarsKeepTheirImages() {
        var withSidecar = ecs.registerTaskDefinition(r -> r.family("monynha-staging-web")
                .containerDefinitions(
                        ContainerDefinition.builder().name("web").image("monynha/web:1.0.0").memory(256).build(),
                        ContainerDefinition.builder().name("envoy").image("envoyproxy/envoy:v1.31").memory(128).build()))
                .taskDefinition().taskDefinitionArn();

        var registered = new EcsTaskDefinitions(ecs).registerWithImage(withSidecar, "web", IMAGE, Map.of());

        var containers = ecs.describeTaskDefinition(r -> r.taskDefinition(registered)).taskDefinition()
                .containerDefinitions();
        assertThat(containers).extracting(c -> c.name() + "=" + c.image())
                .containsExactly("web=" + IMAGE, "envoy=envoyproxy/envoy:v1.31");
    }

    @Test
    void imageOfReadsTheNamedContainersImage_forARevisionShiplaneDidNotRegister() {
        var withSidecar = ecs.registerTaskDefinition(r -> r.family("monynha-staging-web")
                .containerDefinitions(
                        ContainerDefinition.builder().name("envoy").image("envoyproxy/envoy:v1.31").memory(128).build(),
                        ContainerDefinition.builder().name("web").image("monynha/web:1.0.0").memory(256).build()))
                .taskDefinition().taskDefinitionArn();
        var adapter = new EcsTaskDefinitions(ecs);

        assertThat(adapter.imageOf(withSidecar, "web")).isEqualTo("monynha/web:1.0.0");
        assertThatThrownBy(() -> adapter.imageOf(withSidecar, "api")).hasMessageContaining("no container api");
    }

    @Test
    void unknownContainerIsRefusedBeforeRegistering() {
        assertThatThrownBy(() -> new EcsTaskDefinitions(ecs).registerWithImage(original, "api", IMAGE, Map.of()))
                .hasMessageContaining("no container 'api'").hasMessageContaining("[web]");
        assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("monynha-staging-web")).taskDefinitionArns()).hasSize(1);
    }

    @Test
    void rollPointsTheServiceAtTheRevisionAndReturnsEcsDeploymentId() {
        var registered = new EcsTaskDefinitions(ecs).registerWithImage(original, "web", IMAGE, Map.of());

        var ecsDeploymentId = new EcsServiceRollouts(ecs).roll("monynha-staging", "web", registered);

        var service = ecs.describeServices(r -> r.cluster("monynha-staging").services("web")).services().getFirst();
        assertThat(service.taskDefinition()).isEqualTo(registered);
        assertThat(ecsDeploymentId).isNotBlank();
        assertThat(service.deployments()).anySatisfy(d -> {
            assertThat(d.id()).isEqualTo(ecsDeploymentId);
            assertThat(d.status()).isEqualTo("PRIMARY");
        });
    }
}
