package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;

/** The app as {@code cdk synth} runs it: the repository's shiplane.yml, every stack synthesized to disk. */
class ShiplaneAppTest {

    private static final String DELIVERY = ShiplaneDeliveryStack.STACK_NAME;

    /** shiplane.yml puts staging and prod in two accounts: a delivery stack each, staging's the primary one. */
    @Test
    void app_hasADeliveryStackPerAccount_andOneServiceInfraStackPerEnvironmentWithAPlatform() {
        assertThat(SynthesizedApp.get().stacks()).extracting(s -> s.getArtifactId())
                .containsExactly(DELIVERY, SynthesizedApp.PROD_DELIVERY, "ShiplaneServiceInfra-staging",
                        "ShiplaneServiceInfra-prod");
        assertThat(SynthesizedApp.get().stacks()).extracting(s -> s.getStackName())
                .containsExactly(DELIVERY, DELIVERY, "ShiplaneServiceInfra-staging", "ShiplaneServiceInfra-prod");
        SynthesizedApp.get().templateFiles().forEach(f -> assertThat(f).isRegularFile());
    }

    /** What the sandbox calls: the delivery stack alone, written where it asks. */
    @Test
    void synth_writesTheDeliveryTemplate_intoTheGivenOutdir(@TempDir Path outdir) {
        var written = ShiplaneApp.synth(RepositoryLayout.locate().configFile(), outdir);

        assertThat(written.resolve(ShiplaneApp.TEMPLATE_FILE)).isRegularFile()
                .hasFileName("ShiplaneDelivery.template.json");
    }

    @Test
    void ecrRule_matchesTheNamespaceOfTheConfiguredEcrRepositories_notGhcrImages() {
        SynthesizedApp.get().template(DELIVERY).hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern",
                Map.of(
                        "source", List.of("aws.ecr"),
                        "detail-type", List.of("ECR Image Action"),
                        "detail", Map.of(
                                "action-type", List.of("PUSH"),
                                "result", List.of("SUCCESS"),
                                "repository-name", List.of(Map.of("prefix", "monynha/"))))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DELIVERY, SynthesizedApp.PROD_DELIVERY})
    void everyFunction_isJava25OnArm_withSnapStart_andEveryRuleInvokesALiveAlias(String stack) {
        var template = SynthesizedApp.get().template(stack);
        var functions = template.findResources("AWS::Lambda::Function");

        assertThat(functions).hasSizeGreaterThanOrEqualTo(4);
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of(
                "Runtime", "java25", "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")), functions.size());
        template.resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", "live"), functions.size());
        var aliases = template.findResources("AWS::Lambda::Alias").keySet();
        template.findResources("AWS::Events::Rule").forEach((id, rule) -> {
            @SuppressWarnings("unchecked")
            var targets = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("Properties")).get("Targets");
            assertThat(targets).as("targets of %s", id).allSatisfy(t -> {
                if (forwardsToAnotherAccount(t)) {
                    assertThat(t).as("%s forwards with its role, a DLQ and a retry policy", id)
                            .containsKeys("DeadLetterConfig", "RetryPolicy");
                    return;
                }
                assertThat(aliases).as("%s invokes an alias", id).contains(refOf(t.get("Arn")));
                assertThat(t).as("%s has a DLQ and a retry policy", id)
                        .containsKeys("DeadLetterConfig", "RetryPolicy");
            });
        });
    }

    /**
     * A rule target's DLQ only catches events EventBridge could not hand to Lambda; an invocation that threw is
     * retried by Lambda and then dropped unless the function's asynchronous invocation sends it somewhere.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DELIVERY, SynthesizedApp.PROD_DELIVERY})
    void everyRuleInvokedFunction_sendsEventsItKeptFailingOn_toTheSameDeadLetterQueue(String stack) {
        var template = SynthesizedApp.get().template(stack);
        var invokeConfigs = template.findResources("AWS::Lambda::EventInvokeConfig");
        template.findResources("AWS::Events::Rule").forEach((id, rule) -> {
            @SuppressWarnings("unchecked")
            var targets = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("Properties")).get("Targets");
            targets.stream().filter(t -> !forwardsToAnotherAccount(t)).forEach(t -> {
                var dlq = String.valueOf(((Map<?, ?>) t.get("DeadLetterConfig")).get("Arn"));
                var aliasId = refOf(t.get("Arn"));
                var alias = (Map<?, ?>) template.findResources("AWS::Lambda::Alias").get(aliasId).get("Properties");
                var function = String.valueOf(alias.get("FunctionName"));
                assertThat(invokeConfigs.values()).as("%s: its function's failures go to %s", id, dlq).anySatisfy(c -> {
                    var props = (Map<?, ?>) c.get("Properties");
                    assertThat(String.valueOf(props.get("FunctionName"))).isEqualTo(function);
                    assertThat(props.get("MaximumRetryAttempts")).isEqualTo(DeadLetterQueue.ASYNC_RETRIES);
                    assertThat(String.valueOf(((Map<?, ?>) ((Map<?, ?>) props.get("DestinationConfig"))
                            .get("OnFailure")).get("Destination"))).isEqualTo(dlq);
                });
            });
        });
    }

    /** The rollback rule and the ServiceInfra stacks read the same names off shiplane.yml: they must agree. */
    @Test
    void gateAlarmRule_matchesExactlyTheGateAlarmsTheServiceInfraStacksCreate() throws IOException {
        var created = new TreeSet<String>();
        for (var env : List.of("staging", "prod")) {
            var resources = read(SynthesizedApp.get().templateFile(ServiceInfraStack.nameFor(env))).get("Resources");
            resources.forEach(r -> {
                var type = r.path("Type").asText();
                if (type.equals("AWS::CloudWatch::Alarm") || type.equals("AWS::CloudWatch::CompositeAlarm")) {
                    created.add(r.path("Properties").path("AlarmName").asText());
                }
            });
        }
        var matched = new TreeSet<String>();
        for (var stack : SynthesizedApp.get().stacks()) {
            if (!stack.getArtifactId().startsWith(DELIVERY)) continue;  // every account's delivery stack
            read(SynthesizedApp.get().templateFile(stack.getArtifactId())).get("Resources").forEach(r -> r
                    .path("Properties").path("EventPattern").path("detail").path("alarmName")
                    .forEach(n -> matched.add(n.asText())));
        }

        assertThat(created).contains("staging-api-5xx", "prod-web-health");
        assertThat(matched).isEqualTo(created);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DELIVERY, SynthesizedApp.PROD_DELIVERY})
    void outputs_giveTheWebhookUrlAndSecret_forGitHubsWebhookSettings(String stack) {
        var template = SynthesizedApp.get().template(stack);

        template.hasOutput("WebhookUrl", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(Match.stringLikeRegexp("^WebhookBridge"), "FunctionUrl"))));
        template.hasOutput("WebhookSecretArn", Map.of("Value", Map.of("Ref",
                Match.stringLikeRegexp("^WebhookBridgeSecret"))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DELIVERY, SynthesizedApp.PROD_DELIVERY})
    void outputs_giveTheOperatorUrl_theCliSendsOperatorsRequestsTo(String stack) {
        var template = SynthesizedApp.get().template(stack);

        template.hasOutput("OperatorUrl", Map.of(
                "Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OperatorEntry"), "FunctionUrl")),
                "Description", Match.stringLikeRegexp("SHIPLANE_OPERATOR_URL.*--operator-url")));
        template.hasOutput("OperatorAliasArn", Map.of("Value", Map.of("Ref",
                Match.stringLikeRegexp("^OperatorEntryLiveAlias"))));
        template.hasResourceProperties("AWS::Lambda::Url", Map.of(
                "AuthType", "AWS_IAM",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OperatorEntry"), "Arn"))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DELIVERY, SynthesizedApp.PROD_DELIVERY})
    void outputs_nameTheDeliveryFunctions_theirDeadLetters_theScheduler_andNotifications(String stack) {
        var template = SynthesizedApp.get().template(stack);

        for (var output : List.of("DeployAliasArn", "CanaryAliasArn", "RollbackAliasArn", "DeployDeadLetterQueueUrl",
                "CanaryDeadLetterQueueUrl", "RollbackDeadLetterQueueUrl", "ScheduleGroupName", "SchedulerRoleArn",
                "NotificationsTopicArn", "SlackWebhookSecretArn", "DashboardName")) {
            template.hasOutput(output, Map.of());
        }
    }

    @Test
    void cfnLint_findsNoErrors_inAnyTemplate() {
        CfnLint.assertNoErrors(SynthesizedApp.get().templateFiles());
    }

    /** A rule target putting on another account's shiplane bus (CrossAccountForwarding), not invoking a function. */
    private static boolean forwardsToAnotherAccount(Map<String, Object> target) {
        return target.containsKey("RoleArn") && String.valueOf(target.get("Arn")).contains(":event-bus/");
    }

    private static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @SuppressWarnings("unchecked")
    private static String refOf(Object arn) {
        return String.valueOf(((Map<String, Object>) arn).get("Ref"));
    }
}
