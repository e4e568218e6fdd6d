package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;

/** The bus's one resource policy as {@link BusPolicy} writes it, on a bare stack. */
class BusPolicyTest {

    private static final Map<String, Object> BUS_ARN = Map.of("Fn::Join", List.of("", List.of(
            "arn:", Map.of("Ref", "AWS::Partition"), ":events:", Map.of("Ref", "AWS::Region"), ":",
            Map.of("Ref", "AWS::AccountId"), ":event-bus/shiplane")));

    @Test
    void reserve_deniesTheDetailTypesToEveryPrincipalButThePublishersRoles() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        var entry = role(stack, "Entry");
        core.getBusPolicy().reserve("Requests", List.of("Deploy Requested", "Rollback Requested"), List.of(entry));

        Template.fromStack(stack).hasResourceProperties("AWS::Events::EventBus", Map.of(
                "Name", "shiplane",
                "Policy", Map.of("Version", "2012-10-17", "Statement", Match.exact(List.of(Map.of(
                        "Sid", "OnlyRequests",
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", "events:PutEvents",
                        "Resource", BUS_ARN,
                        "Condition", Map.of(
                                "StringEquals", Map.of("events:detail-type",
                                        List.of("Deploy Requested", "Rollback Requested")),
                                "ArnNotEquals", Map.of("aws:PrincipalArn",
                                        List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Entry"), "Arn")))))))))));
    }

    @Test
    void reserve_withNoPublisher_deniesTheDetailTypesToEveryone() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        core.getBusPolicy().reserve("Redeploys", List.of("Redeploy Requested"), List.of());

        Template.fromStack(stack).hasResourceProperties("AWS::Events::EventBus", Map.of(
                "Policy", Map.of("Statement", List.of(Map.of(
                        "Sid", "OnlyRedeploys",
                        "Effect", "Deny",
                        "Condition", Match.exact(Map.of("StringEquals",
                                Map.of("events:detail-type", List.of("Redeploy Requested")))))))));
    }

    @Test
    void allowPutEventsFrom_allowsThatAccountsRoot_onlyForTheDetailTypesAndSources() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        core.getBusPolicy().allowPutEventsFrom("210987654321", List.of("Promotion Cleared"), List.of("shiplane"));
        core.getBusPolicy().allowPutEventsFrom("210987654321",
                List.of("ECR Image Action", "ECR Image Scan"), List.of("aws.ecr"));

        Template.fromStack(stack).hasResourceProperties("AWS::Events::EventBus", Map.of(
                "Policy", Map.of("Statement", Match.exact(List.of(
                        Map.of("Sid", "PutEventsFrom210987654321",
                                "Effect", "Allow",
                                "Principal", Map.of("AWS", Map.of("Fn::Join", List.of("", List.of(
                                        "arn:", Map.of("Ref", "AWS::Partition"), ":iam::210987654321:root")))),
                                "Action", "events:PutEvents",
                                "Resource", BUS_ARN,
                                "Condition", Match.exact(Map.of("StringEquals", Map.of(
                                        "events:detail-type", List.of("Promotion Cleared"),
                                        "events:source", List.of("shiplane"))))),
                        Map.of("Sid", "PutEventsFrom210987654321No2",
                                "Effect", "Allow",
                                "Principal", Map.of("AWS", Match.anyValue()),
                                "Action", "events:PutEvents",
                                "Resource", BUS_ARN,
                                "Condition", Match.exact(Map.of("StringEquals", Map.of(
                                        "events:detail-type", List.of("ECR Image Action", "ECR Image Scan"),
                                        "events:source", List.of("aws.ecr"))))))))));
    }

    @Test
    void aBusNothingIsReservedOnOrAllowedTo_hasNoPolicy() {
        var stack = new Stack(new App(), "Test");
        new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());

        Template.fromStack(stack).hasResourceProperties("AWS::Events::EventBus", Map.of(
                "Name", "shiplane", "Policy", Match.absent()));
    }

    @Test
    void allowPutEventsFromRole_allowsThatAccountsRoot_onlyAsThatRole() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        var forwarder = "arn:aws:iam::210987654321:role/ShiplaneDelivery-forward-eu-west-1";
        core.getBusPolicy().allowPutEventsFromRole("210987654321", forwarder, List.of("Promotion Cleared"),
                List.of("shiplane"));

        Template.fromStack(stack).hasResourceProperties("AWS::Events::EventBus", Map.of(
                "Policy", Map.of("Statement", Match.exact(List.of(Map.of(
                        "Sid", "PutEventsFrom210987654321",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", Map.of("Fn::Join", List.of("", List.of(
                                "arn:", Map.of("Ref", "AWS::Partition"), ":iam::210987654321:root")))),
                        "Action", "events:PutEvents",
                        "Resource", BUS_ARN,
                        "Condition", Match.exact(Map.of(
                                "StringEquals", Map.of("events:detail-type", List.of("Promotion Cleared"),
                                        "events:source", List.of("shiplane")),
                                "ArnEquals", Map.of("aws:PrincipalArn", forwarder)))))))));
    }

    @Test
    void reserveForRoleArns_deniesTheDetailTypesToEveryPrincipalButThoseRoles_ofAnyAccount() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        var forwarder = "arn:aws:iam::123456789012:role/ShiplaneDelivery-forward-eu-west-1";
        core.getBusPolicy().reserveForRoleArns("PromotionClearance", List.of("Promotion Cleared"), List.of(forwarder));

        Template.fromStack(stack).hasResourceProperties("AWS::Events::EventBus", Map.of(
                "Policy", Map.of("Statement", List.of(Map.of(
                        "Sid", "OnlyPromotionClearance",
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Match.exact(Map.of(
                                "StringEquals", Map.of("events:detail-type", List.of("Promotion Cleared")),
                                "ArnNotEquals", Map.of("aws:PrincipalArn", List.of(forwarder)))))))));
    }

    @Test
    void forwardRoleName_isTheStacksNameAndRegion_withinIamsLimit() {
        var stack = new Stack(new App(), "Test", software.amazon.awscdk.StackProps.builder()
                .env(software.amazon.awscdk.Environment.builder().account("123456789012").region("eu-west-1").build())
                .build());

        assertThat(CrossAccountForwarding.forwardRoleName(stack, "ShiplaneDelivery"))
                .isEqualTo("ShiplaneDelivery-forward-eu-west-1");
        assertThat(CrossAccountForwarding.forwardRoleArn(stack, "210987654321", "ShiplaneDelivery"))
                .endsWith(":iam::210987654321:role/ShiplaneDelivery-forward-eu-west-1");
        assertThatThrownBy(() -> CrossAccountForwarding.forwardRoleName(stack, "S".repeat(50)))
                .hasMessageContaining("longer than IAM's 64 characters");
    }

    @Test
    void allowPutEventsFrom_refusesWhatIsNotOneAccountAndLiteralValues() {
        var policy = new DeliveryCore(new Stack(new App(), "Test"), "Core", DeliveryCoreProps.builder().build())
                .getBusPolicy();

        assertThatThrownBy(() -> policy.allowPutEventsFrom("*", List.of("Promotion Cleared"), List.of("shiplane")))
                .hasMessageContaining("'*' is not a 12-digit AWS account id");
        assertThatThrownBy(() -> policy.allowPutEventsFrom("21098765432", List.of("Promotion Cleared"),
                List.of("shiplane"))).hasMessageContaining("12-digit");
        assertThatThrownBy(() -> policy.allowPutEventsFrom("210987654321", List.of("Promotion *"),
                List.of("shiplane"))).hasMessageContaining("literal value, not [Promotion *]");
        assertThatThrownBy(() -> policy.allowPutEventsFrom("210987654321", List.of("Promotion Cleared"), List.of()))
                .hasMessageContaining("at least one source");
        assertThatThrownBy(() -> policy.reserve("Two words", List.of("Deploy Requested"), List.of()))
                .hasMessageContaining("letters and digits only");
    }

    /** The synthesized app: the detail-types reserved, and for whom, are what the code publishes. */
    @Test
    void deliveryStack_reservesTheOperatorEntrysDetailTypes_forItsRoleAlone() {
        var policy = DeliveryBusPolicy.ofApp();
        var deny = policy.statement("OnlyOperatorEntry");

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(policy.values(deny.path("Condition").path("StringEquals").path("events:detail-type")))
                .containsExactlyInAnyOrderElementsOf(OperatorEntryPublications.detailTypes());
        assertThat(policy.values(deny.path("Condition").path("ArnNotEquals").path("aws:PrincipalArn")))
                .containsExactly(policy.roleArnOf("operator"));
    }

    @Test
    void deliveryStack_reservesRedeploysForTheRotationFunctionsRoleAlone() {
        var policy = DeliveryBusPolicy.ofApp();
        var deny = policy.statement("OnlySecretRotation");

        assertThat(policy.values(deny.path("Condition").path("StringEquals").path("events:detail-type")))
                .containsExactly("Redeploy Requested");
        assertThat(policy.values(deny.path("Condition").path("ArnNotEquals").path("aws:PrincipalArn")))
                .containsExactly(policy.roleArnOf("rotate"));
    }

    /**
     * Staging's stack admits no other account (it receives nothing forwarded: the images are its own, and it promotes
     * into prod, not from it); it reserves Promotion Cleared to its deploy function, which publishes it for prod.
     */
    @Test
    void deliveryStack_allowsNoOtherAccount_andNoStatementHasAWildcardPrincipalButADeny() {
        var policy = DeliveryBusPolicy.ofApp();

        assertThat(policy.statements()).extracting(s -> s.path("Sid").asText())
                .containsExactly("OnlyOperatorEntry", "OnlySecretRotation", "OnlyPromotionClearance");
        assertThat(policy.statements()).allSatisfy(s -> assertThat(s.path("Effect").asText()).isEqualTo("Deny"));
    }

    private static IRole role(Stack stack, String id) {
        return Role.Builder.create(stack, id).assumedBy(new AccountRootPrincipal()).build();
    }

    /** The delivery stack's bus policy, every value resolved as deployed to {@link TemplateValues#ACCOUNT}. */
    record DeliveryBusPolicy(TemplateValues template, JsonNode policy) {

        static DeliveryBusPolicy ofApp() {
            var template = new TemplateValues(TemplateValues.read(
                    SynthesizedApp.get().templateFile(ShiplaneDeliveryStack.STACK_NAME)));
            var buses = new java.util.ArrayList<JsonNode>();
            template.resources().forEach(r -> {
                if (r.path("Type").asText().equals("AWS::Events::EventBus")) buses.add(r);
            });
            assertThat(buses).hasSize(1);
            return new DeliveryBusPolicy(template, buses.getFirst().path("Properties").path("Policy"));
        }

        List<JsonNode> statements() {
            var all = new java.util.ArrayList<JsonNode>();
            policy.path("Statement").forEach(all::add);
            return all;
        }

        JsonNode statement(String sid) {
            return statements().stream().filter(s -> s.path("Sid").asText().equals(sid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + policy));
        }

        List<String> values(JsonNode value) {
            return template.strings(value);
        }

        /** The ARN of the role of the one function of package {@code pkg}. */
        String roleArnOf(String pkg) {
            var functions = FunctionPolicies.of(template).stream().filter(f -> f.pkg().equals(pkg)).toList();
            assertThat(functions).as("functions of package %s", pkg).hasSize(1);
            return template.string(functions.getFirst().properties().path("Role"));
        }
    }
}
