package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.deploy.TaskDefinitions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaskDefinitions} must do; run against {@link FakeEcs} (core) and ECS on the emulator (aws). What
 * a new revision carries over besides the image (roles, secrets, sidecars, tags) is ECS's detail, proven in aws's
 * {@code EcsAdaptersTest}.
 */
public abstract class TaskDefinitionsContract {

    protected abstract TaskDefinitions taskDefinitions();

    /** An ECS service running one container {@code container} on {@code image}; returns its task definition ARN. */
    protected abstract String givenService(String cluster, String service, String container, String image);

    /** The image {@code container} runs in {@code taskDefinitionArn}. */
    protected abstract String imageOf(String taskDefinitionArn, String container);

    /** The labels on {@code container} of {@code taskDefinitionArn}. */
    protected abstract Map<String, String> labelsOf(String taskDefinitionArn, String container);

    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:" + "e".repeat(64);

    @Test
    void currentOf_isTheServicesTaskDefinition() {
        var original = givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        assertThat(taskDefinitions().currentOf("monynha-staging", "web")).isEqualTo(original);
    }

    @Test
    void currentOfAMissingService_throwsNamingIt() {
        givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        assertThatThrownBy(() -> taskDefinitions().currentOf("monynha-staging", "nope"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("monynha-staging/nope");
    }

    @Test
    void registerWithImage_isANewRevisionOfTheFamily_runningTheImage() {
        var original = givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        var registered = taskDefinitions().registerWithImage(original, "web", IMAGE,
                Map.of("shiplane.image.tag", "1.4.2", "shiplane.deployment-id", "d-1"));

        assertThat(registered).isNotEqualTo(original)
                .startsWith(original.substring(0, original.lastIndexOf(':') + 1));
        assertThat(imageOf(registered, "web")).isEqualTo(IMAGE);
        assertThat(labelsOf(registered, "web"))
                .containsEntry("shiplane.image.tag", "1.4.2").containsEntry("shiplane.deployment-id", "d-1");
        assertThat(imageOf(original, "web")).isEqualTo("monynha/web:1.0.0");
    }

    @Test
    void imageOf_readsTheContainersImage_ofAnyRevision_andRefusesAContainerItDoesNotHave() {
        var original = givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");
        var registered = taskDefinitions().registerWithImage(original, "web", IMAGE, Map.of());

        assertThat(taskDefinitions().imageOf(original, "web")).isEqualTo("monynha/web:1.0.0");
        assertThat(taskDefinitions().imageOf(registered, "web")).isEqualTo(IMAGE);
        assertThatThrownBy(() -> taskDefinitions().imageOf(original, "api")).hasMessageContaining("api");
    }

    @Test
    void registering_doesNotChangeWhatTheServiceRuns() {
        var original = givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        taskDefinitions().registerWithImage(original, "web", IMAGE, Map.of());

        assertThat(taskDefinitions().currentOf("monynha-staging", "web")).isEqualTo(original);
    }

    @Test
    void everyRegistration_isAnotherRevision() {
        var original = givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        var first = taskDefinitions().registerWithImage(original, "web", IMAGE, Map.of());
        var second = taskDefinitions().registerWithImage(first, "web", "monynha/web:1.5.0", Map.of());

        assertThat(second).isNotIn(original, first);
        assertThat(imageOf(second, "web")).isEqualTo("monynha/web:1.5.0");
    }

    @Test
    void unknownContainer_isRefused() {
        var original = givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        assertThatThrownBy(() -> taskDefinitions().registerWithImage(original, "api", IMAGE, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no container 'api'");
    }

    @Test
    void unknownTaskDefinition_isRefused() {
        givenService("monynha-staging", "web", "web", "monynha/web:1.0.0");

        assertThatThrownBy(() -> taskDefinitions().registerWithImage(
                "arn:aws:ecs:us-east-1:123456789012:task-definition/nope:1", "web", IMAGE, Map.of()))
                .isInstanceOf(RuntimeException.class);
    }
}
