package dev.shiplane.core.ecsengine;

import dev.shiplane.core.ledger.PendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.config.Approval;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.events.ApprovalRequested;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.fakes.Delivery;
import dev.shiplane.core.fakes.FakeServiceDeployments;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ECS pauses a deployment for approval; the operator's promote or abort answers it, once. */
class ApprovalAndCommandsTest {

    static final String SD = "arn:aws:ecs:us-east-1:123456789012:service-deployment/monynha-prod/web/0EYSiB0qap8x";

    final Delivery delivery = new Delivery(NativeDeploymentTest.config(new Approval(true, Duration.ofHours(1))));
    final FakeServiceDeployments ecs = new FakeServiceDeployments();
    final ApprovalService approvals = new ApprovalService(delivery.config, delivery.ledger, delivery.bus,
            delivery.clock);
    final NativeCommandService commands = new NativeCommandService(delivery.ledger, ecs, delivery.bus,
            delivery.clock, Duration.ofSeconds(120));
    final dev.shiplane.core.config.Target prod = delivery.config.target("prod", "web").orElseThrow();
    String deploymentId;

    @BeforeEach
    void deployed() {
        delivery.ecs.service("monynha-prod", "web", NativeDeploymentTest.PROD_TD);
        ecs.running("monynha-prod", "web", SD).awaiting(SD, "ecs-pause-1");
        delivery.deploys.deploy(new ImagePush("p1", Registry.ECR, NativeDeploymentTest.HOST, "monynha/web", "1.4.2",
                "sha256:" + "2".repeat(64), delivery.clock.instant().minusSeconds(3)));
        deploymentId = delivery.ledger.serviceState("prod", "web").activeDeploymentId();
    }

    HookStateChange awaiting(String eventId, String hookId) {
        return new HookStateChange(eventId, HookStateChange.AWAITING_ACTION, hookId, "PAUSE",
                "POST_TEST_TRAFFIC_SHIFT", "monynha-prod", "web", SD, Instant.parse("2026-11-01T11:00:00Z"),
                delivery.clock.instant());
    }

    RolloutCommand command(RolloutCommand.Kind kind, String requestId) {
        return new RolloutCommand(kind.code(), "prod", "web", requestId, "arn:aws:iam::123456789012:user/ana", null,
                delivery.clock.instant());
    }

    @Test
    void pauseAwaitingAction_recordsTheWaitAndAsksOnceWithTheCommandToRun() {
        var outcome = approvals.onHookStateChange(awaiting("e1", "ecs-pause-1"));
        var again = approvals.onHookStateChange(awaiting("e1", "ecs-pause-1"));

        assertThat(outcome).isInstanceOf(ApprovalOutcome.Requested.class);
        assertThat(again).isInstanceOf(ApprovalOutcome.Ignored.class);
        assertThat(delivery.bus.published(ApprovalRequested.class)).singleElement().satisfies(a -> {
            assertThat(a.deploymentId()).isEqualTo(deploymentId);
            assertThat(a.hookId()).isEqualTo("ecs-pause-1");
            assertThat(a.command()).isEqualTo("shiplane promote prod web");
            assertThat(a.expiresAt()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        });
        assertThat(delivery.ledger.deployment("prod", "web", deploymentId).orElseThrow().approval())
                .isEqualTo(new PendingApproval(SD, "ecs-pause-1", Instant.parse("2026-11-01T11:00:00Z")));
    }

    @Test
    void aLambdaHookOrAnUnmanagedServiceIsNotAnApproval() {
        var lambda = new HookStateChange("e2", "HOOK_IN_PROGRESS", "h", "AWS_LAMBDA", "PRE_SCALE_UP",
                "monynha-prod", "web", SD, null, delivery.clock.instant());
        var elsewhere = new HookStateChange("e3", HookStateChange.AWAITING_ACTION, "h", "PAUSE",
                "POST_TEST_TRAFFIC_SHIFT", "monynha-prod", "billing", SD, null, delivery.clock.instant());

        assertThat(approvals.onHookStateChange(lambda)).isInstanceOf(ApprovalOutcome.Ignored.class);
        assertThat(approvals.onHookStateChange(elsewhere)).isInstanceOf(ApprovalOutcome.Ignored.class);
        assertThat(delivery.bus.published(ApprovalRequested.class)).isEmpty();
    }

    @Test
    void promoteDuringThePause_continuesTheDeploymentOnce_andSaysWhoApproved() {
        approvals.onHookStateChange(awaiting("e1", "ecs-pause-1"));

        var result = commands.handle(prod, command(RolloutCommand.Kind.PROMOTE, "r1"));
        var again = commands.handle(prod, command(RolloutCommand.Kind.PROMOTE, "r1"));

        assertThat(result).isEqualTo(new NativeCommandOutcome.Approved(deploymentId,
                "arn:aws:iam::123456789012:user/ana"));
        assertThat(again).isInstanceOf(NativeCommandOutcome.Ignored.class);
        assertThat(ecs.calls()).containsExactly("continue " + SD + " ecs-pause-1");
        assertThat(delivery.bus.published(RolloutResumed.class)).singleElement()
                .satisfies(r -> assertThat(r.requestedBy()).endsWith("user/ana"));
        var deployment = delivery.ledger.deployment("prod", "web", deploymentId).orElseThrow();
        assertThat(deployment.approval()).isNull();
        assertThat(deployment.status()).isEqualTo(DeploymentStatus.STARTED);
        assertThat(delivery.ledger.serviceState("prod", "web").leaseOwner()).isNull();
    }

    @Test
    void abortDuringThePause_refusesTheApproval_andEcsRollbackEventChangesNothingMore() {
        approvals.onHookStateChange(awaiting("e1", "ecs-pause-1"));

        var result = commands.handle(prod, command(RolloutCommand.Kind.ABORT, "r2"));

        assertThat(result).isEqualTo(new NativeCommandOutcome.Refused(deploymentId));
        assertThat(ecs.calls()).containsExactly("rollback " + SD + " ecs-pause-1");
        assertThat(delivery.bus.published(DeploymentAborted.class)).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("user/ana"));
        assertThat(delivery.ledger.deployment("prod", "web", deploymentId).orElseThrow().status())
                .isEqualTo(DeploymentStatus.ABORTED);

        var ecsId = delivery.ledger.serviceState("prod", "web").activeEcsDeploymentId();
        delivery.completions.onEcsDeploymentEvent(new EcsDeploymentEvent("e9", "monynha-prod", "web", ecsId,
                EcsDeploymentEvent.FAILED, "rolled back", delivery.clock.instant()));
        assertThat(delivery.bus.published(DeploymentRolledBack.class)).as("already announced as aborted").isEmpty();
    }

    @Test
    void abortWhileEcsShiftsTraffic_stopsTheDeploymentEcsRuns() {
        ecs.running("monynha-prod", "web", SD);

        var result = commands.handle(prod, command(RolloutCommand.Kind.ABORT, "r3"));

        assertThat(result).isEqualTo(new NativeCommandOutcome.Stopped(deploymentId));
        assertThat(ecs.calls()).containsExactly("stop " + SD);
        assertThat(delivery.ledger.deployment("prod", "web", deploymentId).orElseThrow().status())
                .isEqualTo(DeploymentStatus.ABORTED);
    }
}
