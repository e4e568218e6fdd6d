package dev.shiplane.aws;

import dev.shiplane.core.ports.DeliveryRegistry;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link DeliveryRegistry} in the ledger table: one item per accepted delivery, {@code pk = DELIVERY#<id>},
 * {@code sk = DELIVERY}, written only if absent, with the table's TTL attribute {@code ttl} (epoch seconds) set to
 * the end of the replay window so DynamoDB deletes it afterwards.
 */
public final class DynamoDbDeliveryRegistry implements DeliveryRegistry {

    static final String PARTITION_PREFIX = "DELIVERY#";
    static final String SORT_KEY = "DELIVERY";
    static final String TTL_ATTRIBUTE = "ttl";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDeliveryRegistry(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean firstSeen(String deliveryId, Instant expiresAt) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS(PARTITION_PREFIX + deliveryId),
                            "sk", AttributeValue.fromS(SORT_KEY),
                            "type", AttributeValue.fromS("webhook-delivery"),
                            "deliveryId", AttributeValue.fromS(deliveryId),
                            TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            return false;
        }
    }

    @Override
    public void forget(String deliveryId) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(PARTITION_PREFIX + deliveryId),
                "sk", AttributeValue.fromS(SORT_KEY))));
    }
}
