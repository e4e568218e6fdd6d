package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

class OperatorEntryTest {

    private static Template template;
    private static DeliveryCore core;

    @BeforeAll
    static void synth() {
        var stack = new Stack(new App(), "Test");
        core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        new OperatorEntry(stack, "Operator", OperatorEntryProps.builder()
                .code(operatorCode())
                .bus(core.getBus())
                .ledger(core.getLedger())
                .build());
        template = Template.fromStack(stack);
    }

    /** The real package, as the app uses it: the reactor builds functions/operator before this module. */
    static Code operatorCode() {
        return Code.fromAsset(RepositoryLayout.locate().operatorPackage().toString());
    }

    @Test
    void function_runsLikeEveryShiplaneFunction_onItsLiveAlias() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "Handler", "dev.shiplane.operator.OperatorHandler::handleRequest",
                "Timeout", 10,
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "LoggingConfig", Map.of("LogGroup", Map.of("Ref", Match.stringLikeRegexp("^OperatorLogGroup")))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
    }

    @Test
    void environment_namesTheBusAndTheLedger_asTheFunctionReadsThem() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Match.exact(Map.of(
                        "SHIPLANE_BUS_NAME", Map.of("Ref", Match.stringLikeRegexp("^CoreBus")),
                        "SHIPLANE_LEDGER_TABLE", Map.of("Ref", Match.stringLikeRegexp("^CoreLedger")),
                        "SHIPLANE_LEASE_SECONDS", "40",
                        "POWERTOOLS_SERVICE_NAME", "shiplane-operator",
                        "POWERTOOLS_METRICS_NAMESPACE", "shiplane",
                        "POWERTOOLS_LOG_LEVEL", "INFO")))));
    }

    @Test
    void claimLease_outlivesTheFunctionsTimeout_byTheMargin() {
        var stack = new Stack(new App(), "Longer");
        var longerCore = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        new OperatorEntry(stack, "Operator", OperatorEntryProps.builder()
                .code(operatorCode())
                .bus(longerCore.getBus())
                .ledger(longerCore.getLedger())
                .timeout(Duration.seconds(25))
                .build());

        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Timeout", 25,
                "Environment", Map.of("Variables", Match.objectLike(Map.of("SHIPLANE_LEASE_SECONDS", "55")))));
    }

    @Test
    void url_isOnTheLiveAlias_andTakesOnlySigV4SignedRequests() {
        template.hasResourceProperties("AWS::Lambda::Url", Map.of(
                "AuthType", "AWS_IAM",
                "InvokeMode", "BUFFERED",
                "Qualifier", "live",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Operator"), "Arn"))));
        // No resource policy opens it: the callers' own IAM policies grant lambda:InvokeFunctionUrl.
        assertThat(template.findResources("AWS::Lambda::Permission")).isEmpty();
    }

    @Test
    void role_mayPutEventsOnTheBus_andTouchOnlyFreezesAndHandledRequestIds() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^OperatorServiceRole"))),
                "PolicyDocument", Map.of("Statement", Match.exact(List.of(
                        Map.of("Action", "events:PutEvents", "Effect", "Allow",
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^CoreBus"), "Arn"))),
                        Map.of("Action", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"),
                                "Effect", "Allow",
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("FREEZE#*", "DELIVERY#*"))),
                                "Resource", Map.of("Fn::GetAtt",
                                        List.of(Match.stringLikeRegexp("^CoreLedger"), "Arn"))))))));
    }

    @Test
    void nothingGrantsAWildcardResource() {
        var policies = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Resource", "*"))))))));
        assertThat(policies).isEmpty();
    }

    @Test
    void aTimeoutLongerThanAnOperatorWaits_isRefusedAtSynth() {
        var props = OperatorEntryProps.builder().code(operatorCode()).bus(core.getBus()).ledger(core.getLedger())
                .timeout(Duration.minutes(5));
        assertThatThrownBy(props::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout 300 s is outside 1-30 s");
    }
}
