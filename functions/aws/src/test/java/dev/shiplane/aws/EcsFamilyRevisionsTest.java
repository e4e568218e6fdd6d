package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.deploy.DeployService;
import dev.shiplane.core.fakes.FamilyRevisionsContract;
import dev.shiplane.core.revisions.FamilyRevisions;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Tag;

/** The family revisions contract against ECS in the emulator: statuses are ECS's own. */
@ExtendWith(EmulatorExtension.class)
class EcsFamilyRevisionsTest extends FamilyRevisionsContract {

    private TestAws aws;
    private EcsClient ecs;

    @BeforeEach
    void client(TestAws aws) {
        this.aws = aws;
        ecs = aws.ecs();
    }

    @Override
    protected FamilyRevisions revisions() {
        return new EcsFamilyRevisions(ecs);
    }

    @Override
    protected String givenRevision(String family, boolean byShiplane) {
        return ecs.registerTaskDefinition(r -> r.family(family)
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app").image("monynha/app:1")
                        .essential(true).build())
                .tags(byShiplane ? List.of(Tag.builder().key(DeployService.LABEL_DEPLOYMENT).value("d-" + family)
                        .build()) : null))
                .taskDefinition().taskDefinitionArn();
    }

    @Override
    protected void givenService(String cluster, String service, String taskDefinitionArn) {
        if (ecs.describeClusters(r -> r.clusters(cluster)).clusters().isEmpty()) {
            ecs.createCluster(r -> r.clusterName(cluster));
        }
        ecs.createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(taskDefinitionArn)
                .desiredCount(1));
    }

    @Override
    protected String statusOf(String taskDefinitionArn) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn)).taskDefinition().statusAsString();
    }

    /** ECS lists a rolling update's old revision as a deployment of its own until its tasks have drained. */
    @Test
    void runByEcs_duringAnUpdate_isBothTheNewRevisionAndTheDrainingOne() {
        var old = givenRevision("monynha-staging-docs", true);
        var next = givenRevision("monynha-staging-docs", true);
        givenService("monynha-staging", "docs", old);
        ecs.updateService(r -> r.cluster("monynha-staging").service("docs").taskDefinition(next));

        assertThat(revisions().runByEcs("monynha-staging", List.of("docs"))).containsExactlyInAnyOrder(old, next);
    }
}
