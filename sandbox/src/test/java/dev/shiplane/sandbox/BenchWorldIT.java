package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.testkit.LocalContext;
import dev.shiplane.testkit.RepoFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * scripts/bench's worlds, without CRIU: for each function, in the bench's order, {@link BenchWorld} makes the world its
 * event needs, the function (its handler, in this JVM, with the environment scripts/bench exports) handles the event,
 * and the world verifies it did what the event asks. The worlds are made from the repository's shiplane.yml without
 * its accounts (staging and prod are in separate accounts there, where no one function serves both), in the one
 * account the bench measures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchWorldIT {

    private BenchWorld world;
    private Map<String, String> environment;

    @BeforeAll
    void open() throws Exception {
        world = BenchWorld.open(Path.of("target", "bench-world"));
        // as scripts/bench exports it for every function
        environment = Map.ofEntries(Map.entry("AWS_ENDPOINT_URL", world.awsEndpoint()),
                Map.entry("AWS_REGION", "us-east-1"), Map.entry("AWS_ACCESS_KEY_ID", "testing"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "testing"),
                Map.entry("SHIPLANE_CONFIG_FILE", world.configFile().toString()),
                Map.entry("SHIPLANE_BUS_NAME", "shiplane"),
                Map.entry("SHIPLANE_BUS_ARN", "arn:aws:events:us-east-1:123456789012:event-bus/shiplane"),
                Map.entry("SHIPLANE_LEDGER_TABLE", "shiplane-ledger"),
                Map.entry("SHIPLANE_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/scheduler"),
                Map.entry("POWERTOOLS_METRICS_DISABLED", "true"),
                Map.entry("SHIPLANE_SLACK_SECRET_ID", "shiplane/slack-webhook-url"),
                Map.entry("SHIPLANE_NOTIFY_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:shiplane-notifications"),
                Map.entry("SHIPLANE_WEBHOOK_SECRET_ARN", BenchWorld.WEBHOOK_SECRET));
    }

    @AfterAll
    void close() {
        world.close();
    }

    @Test
    void theBenchRunsTheRepositorysEnvironmentsAndServices_inOneAccount() {
        var repository = ConfigLoader.load(RepoFiles.path("shiplane.yml"));
        var bench = ConfigLoader.load(world.configFile());

        assertThat(repository.namesAccounts()).isTrue();
        assertThat(bench.namesAccounts()).isFalse();
        assertThat(bench.environments()).extracting(EnvironmentSpec::name)
                .isEqualTo(repository.environments().stream().map(EnvironmentSpec::name).toList());
        assertThat(bench.services()).extracting(ServiceSpec::name)
                .isEqualTo(repository.services().stream().map(ServiceSpec::name).toList());
        // unset, as a one-account stack leaves it: every function serves every environment
        assertThat(DeliveryEnvironment.served(environment, bench).serves("staging")).isTrue();
        assertThat(DeliveryEnvironment.served(environment, bench).serves("prod")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "deploy,   dev.shiplane.deploy.DeployHandler,     Image Pushed",
            "rollback, dev.shiplane.rollback.RollbackHandler, Deployment Rolled Back",
            "canary,   dev.shiplane.canary.CanaryHandler,     Traffic Shifted",
            "checks,   dev.shiplane.checks.ChecksHandler,     Gate Passed",
            "rotate,   dev.shiplane.rotate.RotateHandler,     Secret Rotated",
            "notify,   dev.shiplane.notify.NotifyHandler,     posted to Slack",
            "webhook,  dev.shiplane.webhook.WebhookHandler,   Image Pushed",
            "hooks,    dev.shiplane.hooks.HooksFunction,      hookStatus SUCCEEDED"})
    void theFunctionHandlesItsEvent_andTheWorldSeesWhatItAsks(String function, String handler, String outcome)
            throws Exception {
        var event = Files.readAllBytes(world.prepare(function));
        var lambda = (RequestStreamHandler) Class.forName(handler).getConstructor(Map.class).newInstance(environment);
        var out = new ByteArrayOutputStream();

        lambda.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of(function));

        // the world throws (a Mismatch naming what is missing) when the function did not do what its event asks
        var found = world.verify(function, ShadedLambdaLauncher.oneLine(out));
        assertThat(found).startsWith(outcome);
    }
}
