package dev.shiplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The deploy function for a service on ECS's engine, on moto: a push becomes one UpdateService with the service's
 * deployment settings; ECS's approval wait becomes Approval Requested; a stack update waits for the deployment, then
 * carries the new settings in.
 */
@ExtendWith(EmulatorExtension.class)
class EcsEngineDeployIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOOKS = "arn:aws:lambda:us-east-1:123456789012:function:shiplane-hooks:live";

    TestAws aws;
    BusTap tap;
    DeployHandler handler;

    @BeforeEach
    void world(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        var busArn = aws.createBus("shiplane");
        new DueSchedules(aws).createGroup("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        aws.ecsService("monynha-prod", "web", "web", "monynha/web:1.0.0");
        handler = new DeployHandler(aws.environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/testkit/configs/ecs-engine.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn,
                "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger",
                "SHIPLANE_HOOKS_FUNCTION_ARN", HOOKS,
                "SHIPLANE_HOOKS_ROLE_ARN", "arn:aws:iam::123456789012:role/shiplane-ecs-hooks")));
    }

    String invoke(String event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                LocalContext.of("deploy"));
        return JSON.readTree(out.toByteArray()).get("result").asText();
    }

    List<JsonNode> published() {
        return tap.drain().stream().map(body -> {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The push, then the Image Pushed it announced. */
    void push() throws IOException {
        invoke(RepoFiles.text("events/aws/ecr-image-push.json"));
        for (var event : published()) {
            if ("Image Pushed".equals(event.get("detail-type").asText())) invoke(event.toString());
        }
    }

    static String awaitingApproval() {
        return RepoFiles.text("events/aws/ecs-hook-state-change-awaiting-action.json")
                .replace("my-cluster", "monynha-prod").replace("my-service", "web");
    }

    @Test
    void push_updatesTheServiceWithEcsEngineSettings_andEcsApprovalWaitIsAnnouncedOnce() throws IOException {
        push();

        var service = aws.ecs().describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst();
        var configuration = service.deploymentConfiguration();
        assertThat(configuration.strategyAsString()).isEqualTo("CANARY");
        assertThat(configuration.canaryConfiguration().canaryPercent()).isEqualTo(10.0);
        assertThat(configuration.lifecycleHooks()).extracting(h -> h.targetTypeAsString())
                .containsExactly("AWS_LAMBDA", "PAUSE");
        assertThat(configuration.lifecycleHooks().getFirst().hookTargetArn()).isEqualTo(HOOKS);

        assertThat(invoke(awaitingApproval())).startsWith("approval requested: prod/web");
        assertThat(invoke(awaitingApproval())).startsWith("ignored");

        var approvals = published().stream()
                .filter(e -> "Approval Requested".equals(e.get("detail-type").asText())).toList();
        assertThat(approvals).singleElement().satisfies(a -> {
            assertThat(a.get("detail").get("command").asText()).isEqualTo("shiplane promote prod web");
            assertThat(a.get("detail").get("hookId").asText()).startsWith("ecs-pause-");
        });
    }

    @Test
    void stackUpdate_waitsForTheDeploymentUnderWay_thenCarriesTheNewSettingsIn() throws IOException {
        push();
        published();
        aws.ecs().registerTaskDefinition(r -> r.family("shiplane-settings-prod-web").containerDefinitions(
                ContainerDefinition.builder().name("web").image("bootstrap").memory(1024).build()));
        var stackUpdated = RepoFiles.text("events/aws/cloudformation-stack-update-complete.json");

        assertThatThrownBy(() -> invoke(stackUpdated)).isInstanceOf(ServiceBusyException.class);

        var ecsId = aws.ecs().describeServices(r -> r.cluster("monynha-prod").services("web")).services().getFirst()
                .deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow().id();
        assertThat(invoke(RepoFiles.text("events/aws/ecs-deployment-completed.json")
                .replace("ecs-svc/6301838913465711234", ecsId))).isEqualTo("succeeded");
        var image = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(aws.ecs().describeServices(s -> s
                .cluster("monynha-prod").services("web")).services().getFirst().taskDefinition())).taskDefinition()
                .containerDefinitions().getFirst().image();

        assertThat(invoke(stackUpdated)).startsWith("prod/web Applied");

        var td = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(aws.ecs().describeServices(s -> s
                .cluster("monynha-prod").services("web")).services().getFirst().taskDefinition())).taskDefinition();
        assertThat(td.family()).isEqualTo("monynha-prod-web");
        assertThat(td.containerDefinitions().getFirst().image()).isEqualTo(image);
        assertThat(td.containerDefinitions().getFirst().memory()).isEqualTo(1024);
    }
}
