package dev.shiplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * A promotion from staging, in the emulator's default account, to prod, in account 210987654321: each account has
 * its own deploy function, ledger, bus and cluster (the emulator keeps them apart by the credentials' account). The
 * source side clears the promotion on its own bus; the forwarding to prod's bus is EventBridge's part (a
 * cross-account rule, which keeps the sender's {@code account}), played here by handing the tapped event over.
 */
@ExtendWith(EmulatorExtension.class)
class CrossAccountPromotionIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String STAGING_ACCOUNT = "123456789012";
    static final String PROD_ACCOUNT = "210987654321";
    static final String DIGEST = "sha256:0b1f2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    Account staging;
    Account prod;

    /** One account's delivery stack as far as the deploy function sees it. */
    record Account(TestAws aws, DeployHandler handler, BusTap tap, DueSchedules schedules) {

        static Account of(TestAws aws, String env) {
            aws.createLedgerTable("shiplane-ledger");
            var busArn = aws.createBus("shiplane");
            var schedules = new DueSchedules(aws);
            schedules.createGroup("shiplane");
            var tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
            aws.ecsService("monynha-" + env, "web", "web", "monynha/web:1.0.0");
            var handler = new DeployHandler(aws.environment(Map.of(
                    "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/testkit/configs/accounts.yml").toString(),
                    "SHIPLANE_SERVED_ENVIRONMENTS", env, "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_BUS_ARN", busArn,
                    "SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler",
                    "SHIPLANE_LEDGER_TABLE", "shiplane-ledger")));
            return new Account(aws, handler, tap, schedules);
        }

        String invoke(byte[] event) throws IOException {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("deploy"));
            return JSON.readTree(out.toByteArray()).get("result").asText();
        }

        String invoke(String event) throws IOException {
            return invoke(event.getBytes(StandardCharsets.UTF_8));
        }

        String webTaskDefinition(String cluster) {
            return aws.ecs().describeServices(r -> r.cluster(cluster).services("web")).services().getFirst()
                    .taskDefinition();
        }

        String webImage(String cluster) {
            return aws.ecs().describeTaskDefinition(r -> r.taskDefinition(webTaskDefinition(cluster)))
                    .taskDefinition().containerDefinitions().getFirst().image();
        }

        List<String> deployments() {
            return aws.dynamo().scan(r -> r.tableName("shiplane-ledger")).items().stream()
                    .filter(i -> i.get("type").s().equals("deployment"))
                    .map(i -> i.get("env").s() + ":" + i.get("status").s() + ":" + i.get("digest").s()).toList();
        }
    }

    @BeforeEach
    void world(TestAws aws) {
        staging = Account.of(aws, "staging");
        prod = Account.of(aws.inAccount(PROD_ACCOUNT), "prod");
    }

    @Test
    void aDeployFunctionNotToldWhatItServes_refusesToStart_ratherThanDeployEveryEnvironmentFromOneAccount(TestAws aws) {
        var unscoped = aws.inAccount(PROD_ACCOUNT).environment(Map.of(
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("functions/testkit/configs/accounts.yml").toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "SHIPLANE_LEDGER_TABLE", "shiplane-ledger"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeployHandler(unscoped))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHIPLANE_SERVED_ENVIRONMENTS is not set")
                .hasMessageContaining("staging in 123456789012, prod in 210987654321");
    }

    /** A push deployed to staging and completed there; returns the tapped {@code Promotion Due}'s result. */
    String stagingSucceededAndPromotionCameDue() throws IOException {
        assertThat(staging.invoke(RepoFiles.bytes("events/aws/ecr-image-push.json"))).startsWith("announced");
        var pushed = staging.tap.drain();
        assertThat(pushed).extracting(BusTap::detailType).containsExactly("Image Pushed");
        assertThat(staging.invoke(pushed.getFirst())).isEqualTo("staging/web started");
        var ecsDeploymentId = staging.aws.ecs().describeServices(r -> r.cluster("monynha-staging").services("web"))
                .services().getFirst().deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst()
                .orElseThrow().id();
        var completed = RepoFiles.text("events/aws/ecs-deployment-completed.json")
                .replace("ecs-svc/6301838913465711234", ecsDeploymentId).replace("monynha-prod", "monynha-staging");
        assertThat(staging.invoke(completed)).isEqualTo("succeeded");
        staging.tap.drain();
        var due = staging.schedules.pending("shiplane").stream().filter(p -> !p.name().endsWith("-verify"))
                .findFirst().orElseThrow();
        return staging.invoke(staging.schedules.fire("shiplane", due.name()).event());
    }

    /**
     * AWS's part: the cross-account rule delivers the event to prod's bus with the {@code account} of the account that
     * put it (EventBridge keeps the sender's account on a forwarded event). moto's delivery to a target leaves
     * {@code account} out of the event, so it is set here to the sender's.
     */
    static String forwarded(String delivered, String senderAccount) throws IOException {
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(delivered);
        event.put("account", senderAccount);
        return JSON.writeValueAsString(event);
    }

    @Test
    void stagingClearsThePromotionOnItsBus_andProdDeploysTheSameDigestOnReceipt() throws IOException {
        assertThat(stagingSucceededAndPromotionCameDue()).isEqualTo("cleared:" + PROD_ACCOUNT);

        var published = staging.tap.drain();
        assertThat(published).extracting(BusTap::detailType).containsExactly("Promotion Cleared");
        JsonNode detail = JSON.readTree(published.getFirst()).get("detail");
        assertThat(detail.get("fromEnv").asText() + "→" + detail.get("toEnv").asText()).isEqualTo("staging→prod");
        assertThat(detail.get("image").get("digest").asText()).isEqualTo(DIGEST);
        assertThat(staging.deployments()).containsExactly("staging:SUCCEEDED:" + DIGEST);

        var forwarded = forwarded(published.getFirst(), STAGING_ACCOUNT);
        assertThat(prod.invoke(forwarded)).isEqualTo("started");

        assertThat(prod.webImage("monynha-prod"))
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + DIGEST);
        assertThat(prod.deployments()).containsExactly("prod:STARTED:" + DIGEST);
        assertThat(prod.tap.drain()).extracting(BusTap::detailType).containsExactly("Deployment Started");
        // A redelivered Promotion Cleared deploys once.
        assertThat(prod.invoke(forwarded)).startsWith("skipped:duplicate");
        assertThat(prod.deployments()).containsExactly("prod:STARTED:" + DIGEST);
    }

    @Test
    void promotionCleared_fromAnAccountThatIsNotStagings_isRefusedAndChangesNothing() throws IOException {
        stagingSucceededAndPromotionCameDue();
        var cleared = staging.tap.drain().getFirst();
        var before = prod.webTaskDefinition("monynha-prod");

        for (var sender : List.of("999999999999", PROD_ACCOUNT)) {
            assertThat(prod.invoke(forwarded(cleared, sender))).isEqualTo("ignored: refused: Promotion Cleared from account " + sender
                    + ", but staging is in account " + STAGING_ACCOUNT);
        }

        assertThat(prod.webTaskDefinition("monynha-prod")).isEqualTo(before);
        assertThat(prod.deployments()).isEmpty();
        assertThat(prod.tap.drain()).isEmpty();
    }

    @Test
    void eachAccountActsOnlyForItsOwnEnvironments() throws IOException {
        // The push reaches prod's stack too (its repository's events are forwarded): prod takes images by promotion.
        var push = RepoFiles.bytes("events/aws/ecr-image-push.json");
        assertThat(prod.invoke(push)).startsWith("announced");
        assertThat(prod.invoke(prod.tap.drain().getFirst())).isEqualTo("prod/web skipped:promotion");
        // A request for prod that reaches staging's stack is left to prod's.
        var request = RepoFiles.text("events/shiplane/deploy-requested.json")
                .replace("\"env\": \"staging\"", "\"env\": \"prod\"");
        assertThat(staging.invoke(request)).isEqualTo("ignored: prod is served by another account's delivery stack"
                + " (this one serves staging)");
        assertThat(staging.tap.drain()).isEmpty();
    }
}
