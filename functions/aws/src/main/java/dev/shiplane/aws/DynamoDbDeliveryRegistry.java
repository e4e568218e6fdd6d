package dev.shiplane.aws;

import dev.shiplane.core.events.DeliveryRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link DeliveryRegistry} in the ledger table: one item per accepted delivery, {@code pk = DELIVERY#<id>},
 * {@code sk = DELIVERY}, written only if absent, with the table's TTL attribute {@code ttl} (epoch seconds) set to
 * the end of the replay window so DynamoDB deletes it afterwards. Other claims (the notify function's, one per event
 * and channel) use their own partition prefix and item type in the same table.
 */
public final class DynamoDbDeliveryRegistry implements DeliveryRegistry {

    static final String PARTITION_PREFIX = "DELIVERY#";
    static final String SORT_KEY = "DELIVERY";
    static final String TTL_ATTRIBUTE = "ttl";
    static final String CLAIM_ATTRIBUTE = "claim";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String prefix;
    private final String type;

    /** The GitHub webhook's deliveries ({@code DELIVERY#<id>}). */
    public DynamoDbDeliveryRegistry(DynamoDbClient dynamo, String table) {
        this(dynamo, table, PARTITION_PREFIX, "webhook-delivery");
    }

    /**
     * @param prefix partition key prefix of this registry's items ({@code NOTIFIED#})
     * @param type   the items' {@code type} attribute, for people reading the table
     */
    public DynamoDbDeliveryRegistry(DynamoDbClient dynamo, String table, String prefix, String type) {
        this.dynamo = dynamo;
        this.table = table;
        this.prefix = prefix;
        this.type = type;
    }

    /**
     * The item carries a token of this claim: when the SDK retries the write after an attempt whose answer was lost
     * (a timeout) although the item was written, the retry finds its own claim and succeeds, instead of taking it
     * for an earlier delivery's and answering "duplicate" for a delivery that was never carried out.
     */
    @Override
    public boolean firstSeen(String deliveryId, Instant expiresAt) {
        var claim = AttributeValue.fromS(UUID.randomUUID().toString());
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS(prefix + deliveryId),
                            "sk", AttributeValue.fromS(SORT_KEY),
                            "type", AttributeValue.fromS(type),
                            "deliveryId", AttributeValue.fromS(deliveryId),
                            CLAIM_ATTRIBUTE, claim,
                            TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk) OR #claim = :claim")
                    .expressionAttributeNames(Map.of("#claim", CLAIM_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":claim", claim)));
            return true;
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            return false;
        }
    }

    @Override
    public void forget(String deliveryId) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(prefix + deliveryId),
                "sk", AttributeValue.fromS(SORT_KEY))));
    }
}
