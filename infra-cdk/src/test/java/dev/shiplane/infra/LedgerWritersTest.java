package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;

/** The ledger table's resource policy: only shiplane's writers and the named maintainers write its items. */
class LedgerWritersTest {

    private static final String SSO_MAINTAINERS =
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Maintainers_*";

    @Test
    void ledger_deniesEveryItemWrite_toAllButTheWritersAndMaintainers() {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        core.restrictLedgerWritesTo(List.of(role(stack, "Deploy"), role(stack, "Notify")), List.of(SSO_MAINTAINERS));

        Template.fromStack(stack).hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "ResourcePolicy", Map.of("PolicyDocument", Map.of("Statement", Match.exact(List.of(Map.of(
                        "Sid", "OnlyShiplaneWritesTheLedger",
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
                                "dynamodb:PartiQLDelete"),
                        "Resource", "*",
                        "Condition", Map.of("ArnNotLike", Map.of("aws:PrincipalArn", List.of(
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Deploy"), "Arn")),
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Notify"), "Arn")),
                                SSO_MAINTAINERS))))))))));
    }

    @Test
    void maintainers_areReadFromTheContext_commaSeparatedOrAsAList() {
        var user = "arn:aws:iam::123456789012:user/ops-alice";
        assertThat(LedgerWriters.maintainersFromContext(appWith(SSO_MAINTAINERS + ", " + user).getNode()))
                .containsExactly(SSO_MAINTAINERS, user);
        assertThat(LedgerWriters.maintainersFromContext(appWith(List.of(user)).getNode())).containsExactly(user);
        assertThat(LedgerWriters.maintainersFromContext(new App().getNode())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "*",
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::123456789012:role/*",
            "arn:aws:iam::123456789012:role/aws-reserved/*",
            "arn:aws:iam::*:role/Maintainer",
            "arn:aws:sts::123456789012:assumed-role/Maintainer/alice",
            "Maintainer"})
    void maintainers_refuseWhatIsNotOneRoleOrUserOfOneAccount(String arn) {
        assertThatThrownBy(() -> LedgerWriters.maintainersFromContext(appWith(arn).getNode()))
                .hasMessageContaining("ledgerMaintainers: '" + arn + "' is not an IAM role or user ARN");
    }

    /** The synthesized app: the exempt roles are exactly those the template grants an item write on the ledger. */
    @Test
    void deliveryStack_exemptsExactlyTheFunctionRolesAllowedToWriteTheLedger() {
        var template = new TemplateValues(TemplateValues.read(
                SynthesizedApp.get().templateFile(ShiplaneDeliveryStack.STACK_NAME)));
        JsonNode ledger = null;
        String ledgerId = null;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) template.resources()::fields) {
            if (entry.getValue().path("Type").asText().equals("AWS::DynamoDB::Table")) {
                assertThat(ledger).as("one table").isNull();
                ledger = entry.getValue();
                ledgerId = entry.getKey();
            }
        }
        var ledgerArn = template.string(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                Map.of("Fn::GetAtt", List.of(ledgerId, "Arn"))));
        var writers = new TreeSet<String>();
        for (var function : FunctionPolicies.of(template)) {
            var writes = function.allows().stream().anyMatch(s ->
                    LedgerWriters.WRITE_ACTIONS.stream().anyMatch(action -> s.allows(action, ledgerArn)));
            if (writes) writers.add(template.string(function.properties().path("Role")));
        }
        var statements = ledger.path("Properties").path("ResourcePolicy").path("PolicyDocument").path("Statement");
        assertThat(statements).hasSize(1);
        var deny = statements.get(0);

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(template.strings(deny.path("Action"))).containsExactlyElementsOf(LedgerWriters.WRITE_ACTIONS);
        assertThat(writers).as("roles allowed to write the ledger").hasSizeGreaterThanOrEqualTo(6);
        assertThat(new TreeSet<>(template.strings(deny.path("Condition").path("ArnNotLike").path("aws:PrincipalArn"))))
                .isEqualTo(writers);
    }

    private static App appWith(Object maintainers) {
        return new App(AppProps.builder().context(Map.of(LedgerWriters.MAINTAINERS_CONTEXT, maintainers)).build());
    }

    private static IRole role(Stack stack, String id) {
        return Role.Builder.create(stack, id).assumedBy(new AccountRootPrincipal()).build();
    }
}
