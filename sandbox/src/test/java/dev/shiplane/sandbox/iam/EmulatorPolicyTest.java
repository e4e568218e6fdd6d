package dev.shiplane.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.sandbox.iam.EmulatorPolicy.Rewrite;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The template's statements as moto is given them: each row one statement, what moto gets, and which rewrite it took. */
class EmulatorPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("already wide: unchanged",
                        "{'Effect':'Allow','Action':'ecs:UpdateService','Resource':'*'}",
                        "{'Effect':'Allow','Action':['ecs:UpdateService'],'Resource':'*'}", Set.of()),
                Arguments.of("named resources are widened",
                        "{'Effect':'Allow','Action':['ecs:UpdateService'],'Resource':['arn:aws:ecs:us-east-1:1:service/c/s']}",
                        "{'Effect':'Allow','Action':['ecs:UpdateService'],'Resource':'*'}",
                        Set.of(Rewrite.RESOURCES_WIDENED)),
                Arguments.of("a resource built by Fn::Join is widened",
                        "{'Effect':'Allow','Action':'events:PutEvents','Resource':{'Fn::GetAtt':['Bus','Arn']}}",
                        "{'Effect':'Allow','Action':['events:PutEvents'],'Resource':'*'}",
                        Set.of(Rewrite.RESOURCES_WIDENED)),
                Arguments.of("an Allow's condition is dropped",
                        "{'Effect':'Allow','Action':'iam:PassRole','Resource':'*','Condition':{'StringEquals':{'iam:PassedToService':'ecs-tasks.amazonaws.com'}}}",
                        "{'Effect':'Allow','Action':['iam:PassRole'],'Resource':'*'}",
                        Set.of(Rewrite.CONDITIONS_DROPPED)),
                Arguments.of("a conditional Deny is dropped, an unconditional one kept",
                        "{'Effect':'Deny','Action':'ecs:DeleteService','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}",
                        null, Set.of(Rewrite.CONDITIONAL_DENY_DROPPED)),
                Arguments.of("an unconditional Deny is kept",
                        "{'Effect':'Deny','Action':'ecs:DeleteService','Resource':'*'}",
                        "{'Effect':'Deny','Action':['ecs:DeleteService'],'Resource':'*'}", Set.of()),
                Arguments.of("CloudWatch's actions are also named monitoring:",
                        "{'Effect':'Allow','Action':['cloudwatch:DescribeAlarms','cloudwatch:Get*'],'Resource':'*'}",
                        "{'Effect':'Allow','Action':['cloudwatch:DescribeAlarms','cloudwatch:Get*','monitoring:DescribeAlarms','monitoring:Get*'],'Resource':'*'}",
                        Set.of(Rewrite.CLOUDWATCH_NAMED_MONITORING)),
                Arguments.of("item writes allow a write transaction; GetItem a read transaction",
                        "{'Effect':'Allow','Action':['dynamodb:GetItem','dynamodb:PutItem'],'Resource':'*'}",
                        "{'Effect':'Allow','Action':['dynamodb:GetItem','dynamodb:PutItem','dynamodb:TransactWriteItems','dynamodb:TransactGetItems'],'Resource':'*'}",
                        Set.of(Rewrite.TRANSACTIONS_BY_ITEM_ACTIONS, Rewrite.TRANSACTIONS_BY_ITEM_READS)),
                Arguments.of("a wildcard already allowing transactions gets nothing added",
                        "{'Effect':'Allow','Action':'dynamodb:*','Resource':'*'}",
                        "{'Effect':'Allow','Action':['dynamodb:*'],'Resource':'*'}", Set.of()),
                Arguments.of("a Query alone allows no transaction",
                        "{'Effect':'Allow','Action':['dynamodb:Query'],'Resource':'*'}",
                        "{'Effect':'Allow','Action':['dynamodb:Query'],'Resource':'*'}", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void rewritesOnlyWhatMotoNeeds(String name, String written, String expected, Set<Rewrite> rewrites)
            throws Exception {
        var policy = EmulatorPolicy.of(List.of(JSON.readTree(written.replace('\'', '"'))));

        var statements = policy.document().get("Statement");
        if (expected == null) {
            assertThat(statements).isEmpty();
        } else {
            assertThat(statements).hasSize(1);
            assertThat(statements.get(0)).isEqualTo(JSON.readTree(expected.replace('\'', '"')));
        }
        assertThat(policy.applied()).isEqualTo(rewrites);
        assertThat(policy.document().get("Version").asText()).isEqualTo("2012-10-17");
    }
}
