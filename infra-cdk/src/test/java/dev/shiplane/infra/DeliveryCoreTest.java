package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.accountArn;
import static dev.shiplane.infra.TemplateShapes.getAtt;
import static dev.shiplane.infra.TemplateShapes.ref;
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

class DeliveryCoreTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        var stack = new Stack(new App(), "Test");
        new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        template = Template.fromStack(stack);
    }

    @Test
    void bus_isCustomAndNamedShiplane() {
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "shiplane"));
    }

    @Test
    void ledger_isKeyedByPkAndSk_onDemand() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S"))),
                "BillingMode", "PAY_PER_REQUEST"));
    }

    @Test
    void ledger_hasPointInTimeRecovery_ttl_andAwsManagedEncryption() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true),
                // AWS_MANAGED renders as SSE on without a key: the aws/dynamodb KMS key, not the owned default.
                "SSESpecification", Map.of("SSEEnabled", true, "KMSMasterKeyId", Match.absent()),
                "TableName", Match.absent()));
    }

    @Test
    void ledger_hasTheSparseHistoryIndex_byServiceAndCreationTime_everyAttributeProjected() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "AttributeDefinitions", Match.arrayWith(List.of(
                        Map.of("AttributeName", "historyAt", "AttributeType", "S"))),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "history",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "historyAt", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL"))),
                // a local index cannot be added to a table: it would replace the ledger
                "LocalSecondaryIndexes", Match.absent()));
    }

    @Test
    void functions_areToldTheLedgerRetention_400DaysByDefault() {
        var stack = new Stack(new App(), "Test");
        var byDefault = new DeliveryCore(stack, "Default", DeliveryCoreProps.builder().build());
        var twoYears = new DeliveryCore(stack, "TwoYears", DeliveryCoreProps.builder().busName("other")
                .scheduleGroupName("other").ledgerRetention(Duration.days(730)).build());

        assertThat(DeliveryFunction.environment(byDefault, Duration.seconds(120)))
                .containsEntry("SHIPLANE_LEDGER_RETENTION_DAYS", "400");
        assertThat(DeliveryFunction.environment(twoYears, Duration.seconds(120)))
                .containsEntry("SHIPLANE_LEDGER_RETENTION_DAYS", "730");
    }

    @Test
    void ledgerRetention_shorterThanWhatWaitsOnADeployment_orPartDays_isRejected() {
        assertThatThrownBy(() -> DeliveryCoreProps.builder().ledgerRetention(Duration.days(29)).build())
                .hasMessageContaining("at least 30");
        assertThat(DeliveryCoreProps.builder().ledgerRetention(Duration.days(30)).build().ledgerRetention()
                .toDays().intValue()).isEqualTo(30);
        assertThatThrownBy(() -> DeliveryCoreProps.builder().ledgerRetention(Duration.hours(12)).build())
                .hasMessageContaining("ledgerRetention must be a whole number of days");
        assertThatThrownBy(() -> DeliveryCoreProps.builder().ledgerRetention(Duration.hours(36)).build())
                .hasMessageContaining("ledgerRetention must be a whole number of days");
    }

    @Test
    void ledger_isRetainedWhenTheStackGoes() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void scheduleGroup_isNamedShiplane() {
        template.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "shiplane"));
    }

    @Test
    void schedulerRole_isAssumableByScheduler_onlyForThisAccountsShiplaneGroup() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                                "ArnLike", Map.of("aws:SourceArn",
                                        accountArn(":scheduler:", true, ":schedule-group/shiplane"))))))));
    }

    @Test
    void schedulerRole_mayOnlyPutEventsOnTheShiplaneBus() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(ref("CoreSchedulerRole")),
                "PolicyDocument", Map.of("Statement", Match.exact(List.of(Map.of(
                        "Action", "events:PutEvents",
                        "Effect", "Allow",
                        "Resource", getAtt("CoreBus", "Arn")))))));
        template.resourceCountIs("AWS::IAM::Policy", 1);
    }

    @Test
    void scheduleGroupName_default_isRejected() {
        assertThatThrownBy(() -> DeliveryCoreProps.builder().scheduleGroupName("default").build())
                .hasMessageContaining("schedule group name 'default'");
    }

    @Test
    void busName_default_isRejected() {
        assertThatThrownBy(() -> DeliveryCoreProps.builder().busName("default").build())
                .hasMessageContaining("'default'");
    }

    @Test
    void busName_empty_isRejected() {
        assertThatThrownBy(() -> DeliveryCoreProps.builder().busName("").build())
                .hasMessageContaining("event bus name ''");
    }
}
