package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.ecsengine.ServiceDeployments;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServiceDeployments} must do; run against the fake (core) and ECS on the emulator (aws), whose
 * service deployment operations the repository's moto launcher adds (moto 5.2 has none). How ECS then moves a paused
 * or stopped deployment is ECS's, played by the sandbox's engine, not this port's.
 */
public abstract class ServiceDeploymentsContract {

    protected abstract ServiceDeployments deployments();

    /** The service exists on ECS's engine with no deployment under way. */
    protected abstract void givenService(String cluster, String service);

    /** Starts a deployment of the service on ECS's engine; returns its ARN. */
    protected abstract String givenDeploymentStarted(String cluster, String service);

    /** The deployment paused at lifecycle hook {@code hookId} and waits for an answer. */
    protected abstract void givenHookAwaiting(String serviceDeploymentArn, String hookId);

    /** What ECS was asked, in order: {@code continue <arn> <hookId>}, {@code rollback <arn> <hookId>}, {@code stop <arn>}. */
    protected abstract List<String> requests();

    @Test
    void serviceWithoutADeployment_hasNoneInProgress() {
        givenService("monynha-prod", "web");

        assertThat(deployments().inProgress("monynha-prod", "web")).isEmpty();
    }

    @Test
    void startedDeployment_isInProgress() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");

        assertThat(deployments().inProgress("monynha-prod", "web")).contains(arn);
        assertThat(arn).contains(":service-deployment/monynha-prod/web/");
    }

    @Test
    void newerDeployment_replacesTheOneInProgress() {
        givenService("monynha-prod", "web");
        givenDeploymentStarted("monynha-prod", "web");
        var newer = givenDeploymentStarted("monynha-prod", "web");

        assertThat(deployments().inProgress("monynha-prod", "web")).contains(newer);
    }

    @Test
    void deploymentsBelongToTheirService() {
        givenService("monynha-prod", "web");
        givenService("monynha-prod", "api");
        givenDeploymentStarted("monynha-prod", "web");

        assertThat(deployments().inProgress("monynha-prod", "api")).isEmpty();
    }

    @Test
    void answer_carriesOnOrRollsBackAtTheWaitingHook() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");
        givenHookAwaiting(arn, "hook-1");

        deployments().answer(arn, "hook-1", true);

        assertThat(requests()).containsExactly("continue " + arn + " hook-1");
    }

    @Test
    void rollbackAnswer_isSentAsSuch() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");
        givenHookAwaiting(arn, "hook-1");

        deployments().answer(arn, "hook-1", false);

        assertThat(requests()).containsExactly("rollback " + arn + " hook-1");
    }

    @Test
    void secondAnswerToTheSamePause_isRefused() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");
        givenHookAwaiting(arn, "hook-1");
        deployments().answer(arn, "hook-1", true);

        assertThatThrownBy(() -> deployments().answer(arn, "hook-1", false)).isInstanceOf(RuntimeException.class);
        assertThat(requests()).containsExactly("continue " + arn + " hook-1");
    }

    @Test
    void answerToAHookThatIsNotWaiting_isRefused() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");

        assertThatThrownBy(() -> deployments().answer(arn, "hook-9", true)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void stopAndRollBack_endsTheDeploymentUnderWay() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");

        deployments().stopAndRollBack(arn);

        assertThat(requests()).containsExactly("stop " + arn);
        assertThat(deployments().inProgress("monynha-prod", "web")).isEmpty();
    }

    @Test
    void stoppingADeploymentThatIsNotRunning_isRefused() {
        givenService("monynha-prod", "web");
        var arn = givenDeploymentStarted("monynha-prod", "web");
        deployments().stopAndRollBack(arn);

        assertThatThrownBy(() -> deployments().stopAndRollBack(arn)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> deployments().stopAndRollBack(
                "arn:aws:ecs:us-east-1:123456789012:service-deployment/monynha-prod/web/nope"))
                .isInstanceOf(RuntimeException.class);
    }
}
