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
    void theRegistryAccount_getsAStackOfItsOwn_forwardingEcrsEventsToBothDeployingAccounts() {
        assertThat(APP.stacks).extracting(s -> s.getArtifactId()).contains(REGISTRY_STACK);
        var template = APP.template(REGISTRY_STACK);
        for (var account : List.of(STAGING_ACCOUNT, PROD_ACCOUNT)) {
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventBusName", Match.absent(),
                    "EventPattern", Match.objectLike(Map.of("source", List.of("aws.ecr"))),
                    "Targets", List.of(Match.objectLike(Map.of("Arn", AccountStacksTest.busArnIn(account))))));
        }
        template.resourceCountIs("AWS::Lambda::Function", 0);
        var policy = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                template.findOutputs("EcrRepositoryPolicy")).toString();
        assertThat(policy).contains(":iam::" + STAGING_ACCOUNT + ":root", ":iam::" + PROD_ACCOUNT + ":root",
                "ecr:BatchGetImage", "ecr:DescribeImages").doesNotContain("*");
    }

    @Test
    void bothDeliveryStacks_hearTheRegistrysEcrEventsOnTheirBus_andForwardNone() {
        for (var stack : List.of(ShiplaneDeliveryStack.STACK_NAME, PROD_STACK)) {
            var template = APP.template(stack);
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventBusName", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                    "EventPattern", Match.objectLike(Map.of("detail-type", List.of("ECR Image Action"),
                            "account", List.of(REGISTRY_ACCOUNT)))));
            assertThat(template.findResources("AWS::Events::Rule", Map.of("Properties", Map.of(
                    "EventPattern", Match.objectLike(Map.of("source", List.of("aws.ecr"))),
                    "Targets", List.of(Match.objectLike(Map.of("RoleArn", Match.anyValue()))))))).as(stack).isEmpty();
        }
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
