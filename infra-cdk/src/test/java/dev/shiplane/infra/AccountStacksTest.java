package dev.shiplane.infra;

import static dev.shiplane.infra.AccountsFixture.PROD_ACCOUNT;
import static dev.shiplane.infra.AccountsFixture.PROD_STACK;
import static dev.shiplane.infra.AccountsFixture.STAGING_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Staging in one account, prod in another, the images in staging's (the repository's shiplane.yml): one delivery stack
 * per account, each serving its account's environments, and what crosses between them (a promotion staging cleared,
 * the scan results prod's gate waits for) forwarded by rules of the stack where it happens to the other account's
 * shiplane bus, with a retry policy bounded to an hour. Pushes do not cross: prod takes its images by promotion.
 */
class AccountStacksTest {

    private static final String STAGING_STACK = ShiplaneDeliveryStack.STACK_NAME;
    /** The repository's shiplane.yml: staging and prod in two accounts, the images in staging's. */
    private static final SynthesizedApp APP = SynthesizedApp.get();

    @Test
    void app_hasOneDeliveryStackPerAccount_allNamedShiplaneDelivery_andThePlatforms() {
        assertThat(APP.stacks()).extracting(s -> s.getArtifactId())
                .containsExactly(STAGING_STACK, PROD_STACK, "ShiplaneServiceInfra-staging", "ShiplaneServiceInfra-prod");
        assertThat(APP.stacks().subList(0, 2)).extracting(s -> s.getStackName())
                .containsOnly(ShiplaneDeliveryStack.STACK_NAME);
        APP.templateFiles().forEach(f -> assertThat(f).isRegularFile());
        assertThat(APP.templateFile(PROD_STACK)).hasFileName("ShiplaneDelivery-210987654321.template.json");
        assertThat(APP.stacks().get(3).getAccount()).isEqualTo(PROD_ACCOUNT);
    }

    @Test
    void everyFunction_actsOnlyForItsAccountsEnvironments() {
        servedBy(APP.template(STAGING_STACK), "staging");
        servedBy(APP.template(PROD_STACK), "prod");
    }

    @Test
    void eachStack_hearsOnlyTheGateAlarmsOfItsEnvironments() {
        assertThat(alarmNamesHeard(APP.template(STAGING_STACK))).isNotEmpty().allMatch(n -> n.startsWith("staging-"));
        assertThat(alarmNamesHeard(APP.template(PROD_STACK))).isNotEmpty().allMatch(n -> n.startsWith("prod-"));
    }

    @Test
    void stagingsStack_forwardsPromotionsClearedForProd_toProdsBus_asItsForwardingRole() {
        var template = APP.template(STAGING_STACK);
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                "EventPattern", Map.of(
                        "source", List.of("shiplane"),
                        "detail-type", List.of("Promotion Cleared"),
                        "detail", Map.of("toEnv", List.of("prod"))),
                "Targets", List.of(Map.of(
                        "Arn", busArnIn(PROD_ACCOUNT),
                        "RoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                                "^CrossAccountForwardingForwardRole"), "Arn")),
                        "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(
                                "^CrossAccountForwardingDeadLetters"), "Arn"))),
                        // prod refuses a clearance older than an hour: retrying longer would only be refused there
                        "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 3600, "MaximumRetryAttempts", 185),
                        "Id", Match.anyValue()))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^CrossAccountForwardingForwardRole"))),
                "PolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "events:PutEvents", "Effect", "Allow", "Resource", busArnIn(PROD_ACCOUNT))))));
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "events.amazonaws.com")))))));
    }

    @Test
    void stagingsStack_forwardsOnlyTheScanResultsProdsGateWaitsFor_toProdsBus_fromTheDefaultBus() {
        var template = APP.template(STAGING_STACK);
        var forwarded = Map.of("Arn", busArnIn(PROD_ACCOUNT),
                "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 3600, "MaximumRetryAttempts", 185));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of(
                        "source", List.of("aws.ecr"),
                        "detail-type", List.of("ECR Image Scan"),
                        "detail", Map.of("repository-name", List.of(Map.of("prefix", "monynha/")))),
                "Targets", List.of(Match.objectLike(forwarded))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Match.objectLike(Map.of("source", List.of("aws.inspector2"),
                        "detail-type", List.of("Inspector2 Scan"))),
                "Targets", List.of(Match.objectLike(forwarded))));
        // prod takes every service by promotion (the digest staging cleared): a push there would only be announced
        // and skipped a second time
        assertThat(template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                "EventPattern", Match.objectLike(Map.of("detail-type", List.of("ECR Image Action"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", busArnIn(PROD_ACCOUNT)))))))).isEmpty();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                template.findOutputs("EcrRepositoryPolicy")).toString())
                .contains(":iam::" + PROD_ACCOUNT + ":root", "ecr:BatchGetImage").doesNotContain("*");
        // staging deploys from its own repositories: ECR's events reach its deploy function on its default bus
        template.hasResourceProperties("AWS::Events::Rule", Map.of("EventBusName", Match.absent(),
                "EventPattern", Match.objectLike(Map.of("detail-type", List.of("ECR Image Action"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp("^ImagePushDeployLiveAlias")))))));
    }

    @Test
    void prodsDeployFunction_takesPromotionsClearedOnlyFromStagingsAccount_onItsBus() {
        APP.template(PROD_STACK).hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                "EventPattern", Map.of(
                        "source", List.of("shiplane"),
                        "detail-type", List.of("Promotion Cleared"),
                        "account", List.of(STAGING_ACCOUNT)),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp("^ImagePushDeployLiveAlias")))))));
    }

    @Test
    void prodsDeployFunction_hearsTheScanResultsForwardedFromTheRegistryAccount_andNoPush() {
        var template = APP.template(PROD_STACK);
        for (var detailType : List.of("ECR Image Scan", "Inspector2 Scan")) {
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                    "EventPattern", Match.objectLike(Map.of("detail-type", List.of(detailType),
                            "account", List.of(STAGING_ACCOUNT))),
                    "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                            Match.stringLikeRegexp("^ImagePushDeployLiveAlias")))))));
        }
        assertThat(template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                "EventPattern", Match.objectLike(Map.of("detail-type", List.of("ECR Image Action"))))))).isEmpty();
        assertThat(template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Match.objectLike(Map.of("source", List.of("aws.ecr"))))))).isEmpty();
        // nothing of prod's goes back: prod promotes into no other account and holds no repository
        assertThat(template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                "Targets", List.of(Match.objectLike(Map.of("RoleArn", Match.anyValue()))))))).isEmpty();
    }

    @Test
    void prodsFunctions_readTheRepositoriesInTheRegistryAccount() {
        var arn = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ecr:",
                Map.of("Ref", "AWS::Region"), ":" + STAGING_ACCOUNT + ":repository/monynha/web")));
        APP.template(PROD_STACK).hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("ecr:DescribeImages", "ecr:BatchGetImage"),
                        "Resource", Match.arrayWith(List.of(arn)))))))));
    }

    @Test
    void prodsPlatform_pullsItsImagesFromTheRegistryAccount() {
        var policies = APP.template("ShiplaneServiceInfra-prod").findResources("AWS::IAM::Policy");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(policies).toString())
                .contains(":" + STAGING_ACCOUNT + ":repository/monynha/web");
    }

    @Test
    void prodsBusPolicy_letsStagingsAccountPutExactlyWhatItForwards() {
        var statements = busPolicyStatements(APP.template(PROD_STACK));
        var fromStaging = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();

        assertThat(fromStaging).extracting(s -> s.get("Principal")).containsOnly(Map.of("AWS", Map.of("Fn::Join",
                List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":iam::" + STAGING_ACCOUNT + ":root")))));
        assertThat(fromStaging).extracting(s -> s.get("Action")).containsOnly("events:PutEvents");
        assertThat(fromStaging).extracting(s -> s.get("Condition")).containsExactlyInAnyOrder(
                Map.of("StringEquals", Map.of("events:detail-type", List.of("Promotion Cleared"),
                        "events:source", List.of("shiplane")),
                        "ArnEquals", Map.of("aws:PrincipalArn", forwardRoleArnIn(STAGING_ACCOUNT))),
                Map.of("StringEquals", Map.of("events:detail-type", List.of("ECR Image Scan"),
                        "events:source", List.of("aws.ecr"))),
                Map.of("StringEquals", Map.of("events:detail-type", List.of("Inspector2 Scan"),
                        "events:source", List.of("aws.inspector2"))));
    }

    @Test
    void stagingsForwardRole_isNamedForItsStackAndRegion_soProdCanNameIt() {
        APP.template(STAGING_STACK).hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", Map.of("Fn::Join", List.of("", List.of("ShiplaneDelivery-forward-",
                        Map.of("Ref", "AWS::Region")))),
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "events.amazonaws.com"))))))));
    }

    @Test
    void stagingsBus_takesPromotionCleared_fromItsDeployFunctionAlone() {
        // else anyone in staging with events:PutEvents could put one, and the forwarding rule would carry it to prod
        assertThat(busPolicyStatements(APP.template(STAGING_STACK)))
                .filteredOn(s -> "OnlyPromotionClearance".equals(s.get("Sid")))
                .singleElement().satisfies(s -> {
                    assertThat(s.get("Effect")).isEqualTo("Deny");
                    assertThat(s.get("Principal")).isEqualTo(Map.of("AWS", "*"));
                    assertThat(s.get("Action")).isEqualTo("events:PutEvents");
                    assertThat(s.get("Condition")).isEqualTo(Map.of(
                            "StringEquals", Map.of("events:detail-type", List.of("Promotion Cleared")),
                            "ArnNotEquals", Map.of("aws:PrincipalArn", List.of(
                                    deployRoleArn(APP.template(STAGING_STACK))))));
                });
    }

    @Test
    void prodsBus_takesPromotionCleared_fromStagingsForwardRoleAlone() {
        // prod trusts a clearance for the account it comes from: no other principal there, nor here, may put one
        assertThat(busPolicyStatements(APP.template(PROD_STACK)))
                .filteredOn(s -> "OnlyPromotionClearance".equals(s.get("Sid")))
                .singleElement().satisfies(s -> {
                    assertThat(s.get("Effect")).isEqualTo("Deny");
                    assertThat(s.get("Principal")).isEqualTo(Map.of("AWS", "*"));
                    assertThat(s.get("Condition")).isEqualTo(Map.of(
                            "StringEquals", Map.of("events:detail-type", List.of("Promotion Cleared")),
                            "ArnNotEquals", Map.of("aws:PrincipalArn", List.of(forwardRoleArnIn(STAGING_ACCOUNT)))));
                });
    }

    @Test
    void noBusPolicy_allowsAnyoneButTheNamedAccounts_andStagingsAdmitsNoOtherAccount() {
        for (var stack : List.of(STAGING_STACK, PROD_STACK)) {
            assertThat(busPolicyStatements(APP.template(stack))).filteredOn(s -> "Allow".equals(s.get("Effect")))
                    .as("Allow statements of %s", stack)
                    .allSatisfy(s -> assertThat(String.valueOf(s.get("Principal"))).doesNotContain("*"));
        }
        assertThat(busPolicyStatements(APP.template(STAGING_STACK))).extracting(s -> s.get("Effect"))
                .containsOnly("Deny");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleTarget_ofBothStacks_hasADeadLetterQueue_andForwardsOnlyAsTheForwardRole_withinAnHour() {
        for (var stack : List.of(STAGING_STACK, PROD_STACK)) {
            APP.template(stack).findResources("AWS::Events::Rule").forEach((id, rule) -> {
                var targets = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("Properties")).get("Targets");
                assertThat(targets).as("%s in %s", id, stack).allSatisfy(t -> {
                    assertThat(t).containsKey("DeadLetterConfig");
                    if (t.containsKey("RoleArn")) {
                        assertThat(String.valueOf(t.get("RoleArn"))).contains("CrossAccountForwardingForwardRole");
                        assertThat(t.get("RetryPolicy")).as("%s in %s", id, stack).isEqualTo(Map.of(
                                "MaximumEventAgeInSeconds", 3600, "MaximumRetryAttempts", 185));
                    }
                });
            });
        }
    }

    @Test
    void everyTemplate_passesCdkNag_andCfnLint() {
        var errors = APP.stacks().stream()
                .flatMap(stack -> Annotations.fromStack(stack)
                        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .toList();
        assertThat(errors).as("unsuppressed AwsSolutions errors").isEmpty();
        CfnLint.assertNoErrors(APP.templateFiles());
    }

    /** The forwarding role of {@code account}'s delivery stack, as the other account's bus policy names it. */
    static Map<String, Object> forwardRoleArnIn(String account) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":iam::" + account + ":role/ShiplaneDelivery-forward-", Map.of("Ref", "AWS::Region"))));
    }

    /** The deploy function's role ARN, as its function's {@code Role} names it. */
    @SuppressWarnings("unchecked")
    private static Object deployRoleArn(Template template) {
        var functions = template.findResources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> e.getKey().startsWith("ImagePushDeploy")).toList();
        assertThat(functions).hasSize(1);
        return ((Map<String, Object>) functions.getFirst().getValue().get("Properties")).get("Role");
    }

    static Map<String, Object> busArnIn(String account) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":events:",
                Map.of("Ref", "AWS::Region"), ":" + account + ":event-bus/shiplane")));
    }

    private static void servedBy(Template template, String environments) {
        var functions = template.findResources("AWS::Lambda::Function");
        assertThat(functions).hasSizeGreaterThanOrEqualTo(6);
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                Match.objectLike(Map.of(DeliveryEnvironment.SERVED_ENVIRONMENTS, environments)))), functions.size());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> busPolicyStatements(Template template) {
        var buses = template.findResources("AWS::Events::EventBus");
        assertThat(buses).hasSize(1);
        var properties = (Map<String, Object>) buses.values().iterator().next().get("Properties");
        return (List<Map<String, Object>>) ((Map<String, Object>) properties.get("Policy")).get("Statement");
    }

    @SuppressWarnings("unchecked")
    private static List<String> alarmNamesHeard(Template template) {
        return template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of("EventPattern",
                        Match.objectLike(Map.of("source", List.of("aws.cloudwatch")))))).values().stream()
                .flatMap(r -> ((List<String>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                        r.get("Properties")).get("EventPattern")).get("detail")).get("alarmName")).stream())
                .toList();
    }
}
