package dev.shiplane.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.Invocations;
import dev.shiplane.testkit.LedgerAgreement;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agreement check every scenario ends with can fail: it catches a ledger planted out of step with ECS. */
@ExtendWith(EmulatorExtension.class)
class LedgerAgreementIT {

    /** prod web deployed and completed through the real functions: the ledger and ECS agree. */
    static DeliveryWorld deployedWeb(TestAws aws) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, true);
        world.deliver("deploy", DeliveryWorld.push("monynha/web", "3.1.0", 'e'), () -> {});
        world.settle(() -> {});
        world.deliver("deploy", Invocations.ecsCompleted(aws, "monynha-prod", "web"), () -> {});
        world.settle(() -> {});
        var report = check(world);
        assertThat(report.disagreements()).as("%s", report).isEmpty();
        assertThat(report.agreeing()).contains("prod/web");
        return world;
    }

    static LedgerAgreement.Report check(DeliveryWorld world) {
        return new LedgerAgreement(world.aws).check(DeliveryWorld.CONFIG, world.ledgerPort());
    }

    @Test
    void serviceMovedToAnotherRevisionBehindTheLedgersBack_isADisagreement(TestAws aws) {
        var world = deployedWeb(aws);

        aws.ecs().updateService(r -> r.cluster("monynha-prod").service("web").taskDefinition(world.webBefore));

        assertThat(check(world).disagreements()).singleElement().asString()
                .startsWith("prod/web: the ledger's stable revision is ")
                .endsWith("ECS runs " + world.webBefore + " on web");
    }

    @Test
    void ledgerNamingAnotherImageForTheRunningRevision_isADisagreement(TestAws aws) {
        var world = deployedWeb(aws);
        var ledger = world.ledgerPort();
        var stable = ledger.serviceState("prod", "web").stableTaskDefinition();
        var later = Instant.now().plusSeconds(60);
        var wrong = new ImageRef("ecr", "monynha/web", "9.9.9", "sha256:" + "9".repeat(64),
                "monynha/web@sha256:" + "9".repeat(64));

        ledger.save(new Deployment("planted", "prod", "web", "p-planted", wrong, DeploymentStatus.SUCCEEDED,
                DeploymentStatus.SUCCEEDED, stable, stable, null, later, later, later, null));

        assertThat(check(world).disagreements()).singleElement().asString()
                .contains("the ledger's image of " + stable + " is monynha/web@sha256:9999");
    }

    @Test
    void canaryRollingOut_isUnsettled_notJudged(TestAws aws) {
        aws.emulator().reset();
        var world = new DeliveryWorld(aws, true);
        world.deliver("deploy", DeliveryWorld.push("monynha/api", "2.0.0", 'a'), () -> {});
        world.settle(() -> {});
        world.deliver("deploy", Invocations.ecsCompleted(aws, "monynha-staging", "api-green"), () -> {});
        world.settle(() -> {});

        var report = check(world);

        assertThat(report.unsettled()).singleElement().asString().startsWith("staging/api (rollout ");
        assertThat(report.disagreements()).isEmpty();
    }
}
