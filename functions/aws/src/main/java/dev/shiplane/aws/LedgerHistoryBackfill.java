package dev.shiplane.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One-off migration of a ledger written by an earlier shiplane, in one scan of the table:
 * <ul>
 *   <li>every deployment item that lacks it gets the history index's sort key and an expiry. The expiry runs from the
 *       backfill, not from the item's creation: counted from creation, every item older than the retention would be
 *       deleted within days of the upgrade. Until it has run, such items are missing from history (they are still
 *       found by id);</li>
 *   <li>every deployment item gets its {@code retainUntil} (its expiry, kept for when the head stops pointing at it);
 *   </li>
 *   <li>the item each service's head points at loses its expiry, as today's code keeps it ({@link DynamoDbLedger}):
 *       earlier code gave it one like any other, so a service idle longer than the retention would lose it. Done
 *       only while the head still points at it (a transaction with a check of the head).</li>
 * </ul>
 * Safe to run while shiplane runs and to run again: what is done already is left alone.
 */
public final class LedgerHistoryBackfill {

    /** What a run changed: deployments given the history key, running deployments no longer set to expire. */
    public record Backfilled(int indexed, int kept) {}

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
     */
    public Backfilled run(Instant now) {
        int indexed = 0;
        var expiresAt = now.plus(retention).getEpochSecond();
        List<Map<String, AttributeValue>> heads = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var lastKey = startKey;
            var page = dynamo.scan(r -> r.tableName(table)
                    .filterExpression("(begins_with(sk, :dep) AND attribute_exists(createdAt)"
                            + " AND (attribute_not_exists(#at) OR attribute_not_exists(#retain)))"
                            + " OR (sk = :state AND attribute_exists(activeDeploymentId))")
                    .expressionAttributeNames(Map.of("#at", DynamoDbLedger.HISTORY_SORT_KEY,
                            "#retain", DynamoDbLedger.RETAIN_UNTIL))
                    .expressionAttributeValues(Map.of(":dep", AttributeValue.fromS(DynamoDbLedger.DEPLOYMENT_PREFIX),
                            ":state", AttributeValue.fromS(DynamoDbLedger.STATE_SK)))
                    .projectionExpression("pk, sk, createdAt, #at, activeDeploymentId")
                    .exclusiveStartKey(lastKey));
            for (var item : page.items()) {
                if (DynamoDbLedger.STATE_SK.equals(item.get("sk").s())) heads.add(item);
                else if (complete(item, expiresAt) && !item.containsKey(DynamoDbLedger.HISTORY_SORT_KEY)) indexed++;
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        // after every item has its retainUntil: an item kept now and replaced later expires from it
        int kept = 0;
        for (var head : heads) {
            if (keep(head)) kept++;
        }
        return new Backfilled(indexed, kept);
    }

    private boolean complete(Map<String, AttributeValue> item, long expiresAt) {
        var createdAt = Instant.parse(item.get("createdAt").s());
        try {
            // An item with an expiry keeps it as its retainUntil; one without (written before expiries) gets both.
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                    .updateExpression("SET #at = if_not_exists(#at, :at), #retain = if_not_exists(#ttl, :ttl),"
                            + " #ttl = if_not_exists(#ttl, :ttl)")
                    // the item may have been rewritten by today's code (which sets them) or have expired meanwhile
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(#at)"
                            + " OR attribute_not_exists(#retain))")
                    .expressionAttributeNames(Map.of("#at", DynamoDbLedger.HISTORY_SORT_KEY,
                            "#ttl", DynamoDbLedger.TTL_ATTRIBUTE, "#retain", DynamoDbLedger.RETAIN_UNTIL))
                    .expressionAttributeValues(Map.of(
                            ":at", AttributeValue.fromS(DynamoDbLedger.sortable(createdAt)),
                            ":ttl", AttributeValue.fromN(Long.toString(expiresAt)))));
            return true;
        } catch (ConditionalCheckFailedException alreadyDone) {
            return false;
        }
    }

    private boolean keep(Map<String, AttributeValue> head) {
        var active = head.get("activeDeploymentId");
        var check = TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(Map.of("pk", head.get("pk"), "sk", head.get("sk")))
                .conditionExpression("activeDeploymentId = :active")
                .expressionAttributeValues(Map.of(":active", active))).build();
        var unexpire = TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", head.get("pk"),
                        "sk", AttributeValue.fromS(DynamoDbLedger.DEPLOYMENT_PREFIX + active.s())))
                .updateExpression("REMOVE #ttl")
                .conditionExpression("attribute_exists(pk) AND attribute_exists(#ttl)")
                .expressionAttributeNames(Map.of("#ttl", DynamoDbLedger.TTL_ATTRIBUTE))).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(check, unexpire));
            return true;
        } catch (TransactionCanceledException movedOnOrDone) {
            // the head points elsewhere now (that write gave the item its expiry), or the item is kept already or gone
            return false;
        }
    }
}
