package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.rollout.ServiceRollouts;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServiceRollouts} must do; run against {@link FakeEcs} (core) and ECS on the emulator (aws). The
 * update on ECS's engine ({@code roll} with deployment settings) renders settings only the real adapter knows; it is
 * proven in aws's {@code EcsNativeRolloutsTest}.
 */
public abstract class ServiceRolloutsContract {

    protected abstract ServiceRollouts rollouts();

    /** An ECS service running a task definition of its own at 2 tasks; returns that task definition's ARN. */
    protected abstract String givenService(String cluster, String service);

    /** A new revision of {@code taskDefinitionArn}'s family, for a service to roll to. */
    protected abstract String newRevisionOf(String taskDefinitionArn);

    /** The task definition the service is set to run. */
    protected abstract String runs(String cluster, String service);

    @Test
    void roll_pointsTheServiceAtTheRevision_andNamesTheDeployment() {
        var original = givenService("monynha-staging", "web");
        var next = newRevisionOf(original);

        var id = rollouts().roll("monynha-staging", "web", next);

        assertThat(runs("monynha-staging", "web")).isEqualTo(next);
        assertThat(id).isNotBlank();
    }

    /**
     * ECS starts a new deployment, with a new id, for every update that changes the revision; callers match ECS's
     * deployment events by it. moto renews the id only on a forced new deployment, so the emulator's run skips this
     * case; the adapter's part (it returns the PRIMARY deployment's id) is proven by aws's
     * {@code EcsAdaptersTest.rollPointsTheServiceAtTheRevisionAndReturnsEcsDeploymentId}.
     */
    @Test
    protected void everyRoll_isAnotherDeployment() {
        var original = givenService("monynha-staging", "web");
        var next = newRevisionOf(original);

        var first = rollouts().roll("monynha-staging", "web", next);
        var second = rollouts().roll("monynha-staging", "web", original);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void rollWithACount_setsTheCountToo() {
        var original = givenService("monynha-prod", "web-green");

        rollouts().roll("monynha-prod", "web-green", newRevisionOf(original), 5);

        assertThat(rollouts().desiredCount("monynha-prod", "web-green")).isEqualTo(5);
    }

    @Test
    void desiredCount_isTheServicesCount() {
        givenService("monynha-prod", "web");

        assertThat(rollouts().desiredCount("monynha-prod", "web")).isEqualTo(2);
    }

    @Test
    void scale_changesTheCountOnly() {
        var original = givenService("monynha-prod", "web-blue");

        rollouts().scale("monynha-prod", "web-blue", 0);

        assertThat(rollouts().desiredCount("monynha-prod", "web-blue")).isZero();
        assertThat(runs("monynha-prod", "web-blue")).isEqualTo(original);
    }

    @Test
    void restart_isANewDeploymentOfTheSameRevision() {
        var original = givenService("monynha-prod", "web");
        var rolled = rollouts().roll("monynha-prod", "web", original);

        var restarted = rollouts().restart("monynha-prod", "web");

        assertThat(restarted).isNotBlank().isNotEqualTo(rolled);
        assertThat(runs("monynha-prod", "web")).isEqualTo(original);
    }

    @Test
    void missingService_isAnError_everywhere() {
        var original = givenService("monynha-prod", "web");

        assertThatThrownBy(() -> rollouts().roll("monynha-prod", "nope", original))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> rollouts().roll("monynha-prod", "nope", original, 2))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> rollouts().restart("monynha-prod", "nope")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> rollouts().scale("monynha-prod", "nope", 0)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> rollouts().desiredCount("monynha-prod", "nope"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("monynha-prod/nope");
    }
}
