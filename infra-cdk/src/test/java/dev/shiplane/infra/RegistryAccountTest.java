package dev.shiplane.infra;

import static dev.shiplane.infra.AccountsFixture.PROD_ACCOUNT;
import static dev.shiplane.infra.AccountsFixture.PROD_STACK;
import static dev.shiplane.infra.AccountsFixture.REGISTRY_ACCOUNT;
import static dev.shiplane.infra.AccountsFixture.STAGING_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * Staging and prod each in their account, every service's images in a third account that runs no environment: that
 * account gets a small stack forwarding ECR's events to both, and both deploy functions take them from it.
 */
class RegistryAccountTest {

    private static final String REGISTRY_STACK = "ShiplaneRegistry-" + REGISTRY_ACCOUNT;
    private static final AccountsFixture APP = AccountsFixture.synth("registry", Map.of(
            "web", REGISTRY_ACCOUNT, "api", REGISTRY_ACCOUNT, "docs", REGISTRY_ACCOUNT));

    @Test
    void theRegistryAccount_getsAStackOfItsOwn_forwardingEachDeployingAccountWhatItActsOn() {
        assertThat(APP.stacks).extracting(s -> s.getArtifactId()).contains(REGISTRY_STACK);
        var template = APP.template(REGISTRY_STACK);
        // staging takes the services directly and announces their scans (scanGate mode report); prod, by promotion,
        // waits for their scans only
        var forwarded = Map.of(STAGING_ACCOUNT, List.of("ECR Image Action", "ECR Image Scan", "Inspector2 Scan"),
                PROD_ACCOUNT, List.of("ECR Image Scan", "Inspector2 Scan"));
        forwarded.forEach((account, detailTypes) -> {
            var rules = template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                    "EventBusName", Match.absent(),
                    "Targets", List.of(Match.objectLike(Map.of("Arn", AccountStacksTest.busArnIn(account),
                            "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 3600,
                                    "MaximumRetryAttempts", 185)))))));
            assertThat(rules.values().stream().map(AccountTemplates::detailTypesOf).flatMap(List::stream))
                    .as("detail-types forwarded to %s", account).containsExactlyInAnyOrderElementsOf(detailTypes);
        });
        template.resourceCountIs("AWS::Lambda::Function", 0);
        var policy = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                template.findOutputs("EcrRepositoryPolicy")).toString();
        assertThat(policy).contains(":iam::" + STAGING_ACCOUNT + ":root", ":iam::" + PROD_ACCOUNT + ":root",
                "ecr:BatchGetImage", "ecr:DescribeImages").doesNotContain("*");
    }

    @Test
    void bothDeliveryStacks_hearOnTheirBusTheRegistrysEventsTheyActOn_andForwardNone() {
        var heard = Map.of(ShiplaneDeliveryStack.STACK_NAME, List.of("ECR Image Action", "ECR Image Scan",
                "Inspector2 Scan"), PROD_STACK, List.of("ECR Image Scan", "Inspector2 Scan"));
        heard.forEach((stack, detailTypes) -> {
            var template = APP.template(stack);
            var rules = template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                    "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                    "EventPattern", Match.objectLike(Map.of("account", List.of(REGISTRY_ACCOUNT))))));
            assertThat(rules.values().stream().map(AccountTemplates::detailTypesOf).flatMap(List::stream))
                    .as("detail-types %s hears from the registry", stack)
                    .containsExactlyInAnyOrderElementsOf(detailTypes);
            assertThat(template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                    "EventPattern", Match.objectLike(Map.of("source", List.of("aws.ecr"))),
                    "Targets", List.of(Match.objectLike(Map.of("RoleArn", Match.anyValue()))))))).as(stack).isEmpty();
        });
    }

    @Test
    void everyTemplate_passesCdkNag_andCfnLint() {
        var errors = APP.stacks.stream()
                .flatMap(stack -> Annotations.fromStack(stack)
                        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream())
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .toList();
        assertThat(errors).as("unsuppressed AwsSolutions errors").isEmpty();
        CfnLint.assertNoErrors(APP.templateFiles());
    }
}
