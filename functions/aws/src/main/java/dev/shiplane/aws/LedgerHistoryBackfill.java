package dev.shiplane.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One-off migration of a ledger written before the history index: gives every deployment item that lacks it the
 * index's sort key and an expiry. The expiry runs from the backfill, not from the item's creation: counted from
 * creation, every item older than the retention — a quiet service's running deployment among them — would be
 * deleted within days of the upgrade. Until it has run, such items are
 * missing from history (they are still found by id). Safe to run while shiplane runs and to run again: an item
 * that has its key already is left alone. It scans the whole table once, the one read here that does.
 */
public final class LedgerHistoryBackfill {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public LedgerHistoryBackfill(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /**
     * @param now when the backfill runs (the operator's clock): the items it indexes expire its retention from then
     * @return how many deployment items it gave the history key
     */
    public int run(Instant now) {
        int updated = 0;
        var expiresAt = now.plus(retention).getEpochSecond();
        Map<String, AttributeValue> startKey = null;
        do {
            var lastKey = startKey;
            var page = dynamo.scan(r -> r.tableName(table)
                    .filterExpression("begins_with(sk, :dep) AND attribute_not_exists(#at) AND attribute_exists(createdAt)")
                    .expressionAttributeNames(Map.of("#at", DynamoDbLedger.HISTORY_SORT_KEY))
                    .expressionAttributeValues(Map.of(":dep", AttributeValue.fromS(DynamoDbLedger.DEPLOYMENT_PREFIX)))
                    .projectionExpression("pk, sk, createdAt")
                    .exclusiveStartKey(lastKey));
            for (var item : page.items()) {
                if (giveHistoryKey(item, expiresAt)) updated++;
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return updated;
    }

    private boolean giveHistoryKey(Map<String, AttributeValue> item, long expiresAt) {
        var createdAt = Instant.parse(item.get("createdAt").s());
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                    .updateExpression("SET #at = :at, #ttl = if_not_exists(#ttl, :ttl)")
                    // the item may have been rewritten by today's code (which sets both) or have expired meanwhile
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#at)")
                    .expressionAttributeNames(Map.of("#at", DynamoDbLedger.HISTORY_SORT_KEY,
                            "#ttl", DynamoDbLedger.TTL_ATTRIBUTE))
                    .expressionAttributeValues(Map.of(
                            ":at", AttributeValue.fromS(DynamoDbLedger.sortable(createdAt)),
                            ":ttl", AttributeValue.fromN(Long.toString(expiresAt)))));
            return true;
        } catch (ConditionalCheckFailedException alreadyDone) {
            return false;
        }
    }
}
