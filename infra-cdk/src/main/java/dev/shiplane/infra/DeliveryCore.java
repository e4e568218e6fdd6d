package dev.shiplane.infra;

import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.constructs.Construct;

/**
 * What every function family shares: shiplane's event bus, on which the functions talk to each other, and the
 * ledger table, in which they record deployments and hold leases. Function families receive both through their
 * props and grant themselves access.
 */
public final class DeliveryCore extends Construct {

    /** Ledger key attributes; the single-table layout lives in the {@code DynamoDbLedger} adapter. */
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    /** Epoch seconds after which DynamoDB deletes an item: expired leases and old idempotency records. */
    public static final String TTL_ATTRIBUTE = "ttl";

    private final EventBus bus;
    private final Table ledger;

    public DeliveryCore(Construct scope, String id, DeliveryCoreProps props) {
        super(scope, id);
        bus = EventBus.Builder.create(this, "Bus").eventBusName(props.busName()).build();
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
    }

    public IEventBus getBus() {
        return bus;
    }

    public ITable getLedger() {
        return ledger;
    }
}
