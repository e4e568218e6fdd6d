package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The checks functions of the repository's shiplane.yml (web and api declare a health check in staging and prod; api's
 * two colours are reached by header before its weighted rule).
 */
class HealthChecksTest {

    /** Prod's checks run in prod's account: its delivery stack (staging's is in the primary account's). */
    private static Template delivery;
    private static Template prodPlatform;

    @BeforeAll
    static void synth() {
        delivery = SynthesizedApp.get().template(SynthesizedApp.PROD_DELIVERY);
        prodPlatform = SynthesizedApp.get().template(ServiceInfraStack.nameFor("prod"));
    }

    @Test
    void oneChecksFunctionPerEnvironment_inItsAccountsStack_hearsOnlyItsEnvironmentsHealthCheckDue() {
        for (var placed : Map.of("staging", SynthesizedApp.STAGING_DELIVERY,
                "prod", SynthesizedApp.PROD_DELIVERY).entrySet()) {
            var template = SynthesizedApp.get().template(placed.getValue());
            assertThat(template.findResources("AWS::Lambda::Function", Map.of("Properties",
                    Map.of("Handler", HealthChecks.HANDLER)))).as(placed.getValue()).hasSize(1);
            template.resourcePropertiesCountIs("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                    "source", List.of("shiplane"), "detail-type", List.of("Health Check Due"),
                    "detail", Map.of("env", List.of(placed.getKey())))), 1);
        }
    }

    @Test
    void checksFunction_runsInThePlatformVpc_readFromTheParametersTheServiceInfraStackWrites() {
        delivery.hasParameter("*", Map.of(
                "Type", "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>",
                "Default", "/shiplane/prod/checks/subnet-ids"));
        delivery.hasParameter("*", Map.of(
                "Type", "AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::Id>",
                "Default", "/shiplane/prod/checks/security-group-id"));
        delivery.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", HealthChecks.HANDLER,
                "VpcConfig", Map.of("SubnetIds", Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("HealthChecksprod"))),
                        "SecurityGroupIds", List.of(Map.of("Ref", Match.stringLikeRegexp("HealthChecksprod"))))));
        prodPlatform.hasResourceProperties("AWS::SSM::Parameter", Map.of(
                "Name", "/shiplane/prod/checks/subnet-ids", "Type", "StringList"));
        prodPlatform.hasResourceProperties("AWS::SSM::Parameter", Map.of(
                "Name", "/shiplane/prod/checks/security-group-id", "Type", "String"));
    }

    @Test
    void eachDeliveryStack_isDeployedAfterThePlatformOfItsAccountWhoseParametersItReads() {
        assertThat(SynthesizedApp.get().stack(SynthesizedApp.STAGING_DELIVERY).getDependencies())
                .extracting(software.amazon.awscdk.Stack::getStackName)
                .containsExactly(ServiceInfraStack.nameFor("staging"));
        assertThat(SynthesizedApp.get().stack(SynthesizedApp.PROD_DELIVERY).getDependencies())
                .extracting(software.amazon.awscdk.Stack::getStackName)
                .containsExactly(ServiceInfraStack.nameFor("prod"));
    }

    @Test
    void checksFunction_mayPutEventsAndSchedule_butNeitherDeployNorTouchTheLedger() {
        var policies = delivery.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of("Roles",
                List.of(Map.of("Ref", Match.stringLikeRegexp("HealthChecksprodServiceRole"))))));
        assertThat(policies).hasSize(1);
        var statements = policies.values().iterator().next().toString();
        assertThat(statements).contains("events:PutEvents").contains("scheduler:CreateSchedule")
                .contains("ec2:CreateNetworkInterface")
                .doesNotContain("ecs:").doesNotContain("dynamodb:").doesNotContain("elasticloadbalancing:");
    }

    /**
     * The revision being deployed answers {@code X-Shiplane-Colour: green} one priority before the service's rule: the
     * green colour's rule on the shiplane engine (blue's one more before), ECS's test rule on its engine.
     */
    @Test
    void newColour_isReachableByHeader_onlyFromTheNatAddresses_beforeTheWeightedRule() {
        var web = dev.shiplane.contract.config.ConfigLoader.load(RepositoryLayout.locate().configFile())
                .service("web").orElseThrow();
        var colours = web.twoColours() ? List.of("blue", "green") : List.of("green");
        for (var colour : colours) {
            prodPlatform.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                    "Priority", ServicePlatform.FIRST_PRIORITY - (colour.equals("blue") ? 2 : 1),
                    "Conditions", Match.arrayWith(List.of(
                            Map.of("Field", "http-header", "HttpHeaderConfig",
                                    Map.of("HttpHeaderName", "X-Shiplane-Colour", "Values", List.of(colour))),
                            Match.objectLike(Map.of("Field", "source-ip"))))));
        }
        var sourceIps = prodPlatform.findResources("AWS::ElasticLoadBalancingV2::ListenerRule").values().stream()
                .map(Object::toString).filter(r -> r.contains("source-ip") && r.contains("Platformweb")).toList();
        assertThat(sourceIps).hasSize(colours.size()).allSatisfy(rule -> assertThat(rule).contains("PublicIp"));
    }
}
