package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.IScheduleGroup;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.constructs.Construct;

/**
 * What every function family shares: shiplane's event bus, on which the functions talk to each other, the
 * ledger table, in which they record deployments and hold leases, and the EventBridge Scheduler group (child
 * {@code ScheduleGroup}) with the role (child {@code SchedulerRole}) its one-shot schedules run as. Instead of
 * sleeping, a function that must act later (the next canary step, a promotion, a verification after the bake)
 * creates an {@code at(...)} schedule that puts an event back on the bus. Function families receive all of it
 * through their props and grant themselves access.
 */
public final class DeliveryCore extends Construct {

    /** Ledger key attributes; the single-table layout lives in the {@code DynamoDbLedger} adapter. */
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** Epoch seconds after which DynamoDB deletes an item: old deployments, idempotency records and scans. */
    public static final String TTL_ATTRIBUTE = "ttl";
    /**
     * The history index: a service's deployments by creation time. Sparse, only deployment items carry its sort key.
     * A global index, because one can be added to the existing table; a local one would replace it.
     */
    public static final String HISTORY_INDEX = "history";
    public static final String HISTORY_SORT_KEY = "historyAt";

    private final EventBus bus;
    private final BusPolicy busPolicy;
    private final Table ledger;
    private final ScheduleGroup scheduleGroup;
    private final String scheduleGroupName;
    private final Role schedulerRole;
    private final Duration ledgerRetention;

    public DeliveryCore(Construct scope, String id, DeliveryCoreProps props) {
        super(scope, id);
        bus = EventBus.Builder.create(this, "Bus").eventBusName(props.busName()).build();
        busPolicy = new BusPolicy(this, "BusPolicy", bus, props.busName());
        // Table (AWS::DynamoDB::Table) rather than TableV2 (a global table): one region is all shiplane needs.
        // No table name: a named table cannot be replaced by CloudFormation, and the functions get it by variable.
        ledger = Table.Builder.create(this, "Ledger")
                .partitionKey(Attribute.builder().name(PARTITION_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(SORT_KEY).type(AttributeType.STRING).build())
                // Deployments come in bursts around releases and are idle otherwise.
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(
                        PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(props.ledgerRemovalPolicy())
                .build();
        // The index is declared on the CloudFormation resource, not through addGlobalSecondaryIndex: a Table that
        // knows of an index adds <table>/index/* to every grant, while only the deploy function reads history
        // (grantHistoryRead). Every attribute projected: a history read is one Query, with no fetch per item.
        var cfnLedger = (CfnTable) ledger.getNode().getDefaultChild();
        cfnLedger.addPropertyOverride("AttributeDefinitions.2",
                Map.of("AttributeName", HISTORY_SORT_KEY, "AttributeType", "S"));
        cfnLedger.addPropertyOverride("GlobalSecondaryIndexes", List.of(Map.of(
                "IndexName", HISTORY_INDEX,
                "KeySchema", List.of(Map.of("AttributeName", PARTITION_KEY, "KeyType", "HASH"),
                        Map.of("AttributeName", HISTORY_SORT_KEY, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL"))));
        ledgerRetention = props.ledgerRetention();

        scheduleGroupName = props.scheduleGroupName();
        scheduleGroup = ScheduleGroup.Builder.create(this, "ScheduleGroup")
                .scheduleGroupName(scheduleGroupName)
                .build();
        var stack = Stack.of(this);
        // Scheduler assumes the role on behalf of schedules in this account's group only (the confused-deputy
        // conditions AWS recommends): a schedule elsewhere that names this role cannot use it.
        schedulerRole = Role.Builder.create(this, "SchedulerRole")
                .description("shiplane: lets one-shot schedules in the " + scheduleGroupName
                        + " group put their event on the shiplane bus")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Map.of("aws:SourceArn", stack.formatArn(ArnComponents.builder()
                                .service("scheduler").resource("schedule-group").resourceName(scheduleGroupName)
                                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))))
                .build();
        bus.grantPutEventsTo(schedulerRole);
    }

    /**
     * Lets {@code grantee} create, read and delete one-shot schedules in the group, and hand them the scheduler
     * role. The schedules delete themselves after firing ({@code ActionAfterCompletion: DELETE}), so no cleanup
     * permission beyond DeleteSchedule (used to cancel a step that is no longer due) is needed, and no function
     * reads a schedule back.
     */
    public void grantScheduling(IGrantable grantee) {
        var stack = Stack.of(this);
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("scheduler").resource("schedule").resourceName(scheduleGroupName + "/*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .build());
        // CreateSchedule checks iam:PassRole on the schedule's role; only this one, and only towards Scheduler.
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("iam:PassRole"))
                .resources(List.of(schedulerRole.getRoleArn()))
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                .build());
    }

    /**
     * Makes {@code writers} (shiplane's function roles that write the ledger) and {@code maintainers} the only
     * principals that may write the ledger's items: a Deny for everyone else in the table's resource policy
     * ({@link LedgerWriters}). Call once, after every function family is built.
     */
    public void restrictLedgerWritesTo(java.util.Collection<IRole> writers, List<String> maintainers) {
        ledger.addToResourcePolicy(LedgerWriters.denyOthers(writers, maintainers));
    }

    /** Lets {@code grantee} read deployments newest first from the ledger's history index, and nothing else there. */
    public void grantHistoryRead(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(ledger.getTableArn() + "/index/" + HISTORY_INDEX))
                .build());
    }

    public IEventBus getBus() {
        return bus;
    }

    /** Every statement of the bus's resource policy: reserved detail-types, other accounts allowed to put events. */
    public BusPolicy getBusPolicy() {
        return busPolicy;
    }

    public ITable getLedger() {
        return ledger;
    }

    /** How long after its creation a deployment's ledger item expires ({@link DeliveryCoreProps#ledgerRetention}). */
    public Duration getLedgerRetention() {
        return ledgerRetention;
    }

    /** The Scheduler group of shiplane's one-shot schedules. */
    public IScheduleGroup getScheduleGroup() {
        return scheduleGroup;
    }

    /** The group's name, as the functions are told it ({@code SHIPLANE_SCHEDULE_GROUP}); a literal, not a token. */
    public String getScheduleGroupName() {
        return scheduleGroupName;
    }

    /** The role every shiplane schedule runs as: it may put events on the shiplane bus and nothing else. */
    public IRole getSchedulerRole() {
        return schedulerRole;
    }
}
