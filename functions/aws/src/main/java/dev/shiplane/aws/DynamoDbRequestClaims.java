package dev.shiplane.aws;

import dev.shiplane.core.operator.RequestClaim;
import dev.shiplane.core.operator.RequestClaims;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link RequestClaims} in the ledger table: one item per operator request, {@code pk =
 * DELIVERY#operator-request:<key>}, {@code sk = DELIVERY} (the operator function may write only {@code FREEZE#} and
 * {@code DELIVERY#} items, with {@code PutItem} and {@code DeleteItem}), with the table's TTL attribute {@code ttl}
 * (epoch seconds) so DynamoDB deletes it once no client retries the request. Every write is a whole item, conditional:
 * the claim only if absent (or this holder's own, when the SDK retries a write whose answer was lost), the takeover
 * only on the lease seen, completion and release only by the holder. A failed claim returns the item it found
 * ({@code ReturnValuesOnConditionCheckFailure}), so finding a claim costs no second read.
 */
public final class DynamoDbRequestClaims implements RequestClaims {

    static final String PARTITION_PREFIX = DynamoDbDeliveryRegistry.PARTITION_PREFIX + "operator-request:";
    static final String SORT_KEY = DynamoDbDeliveryRegistry.SORT_KEY;
    static final String IN_PROGRESS = "in-progress";
    static final String DONE = "done";
    /** Every attribute an item may hold besides its key. */
    static final List<String> CLAIM_ATTRIBUTES = List.of("type", "requestKey", "holder", "state", "leaseEnds",
            "outcome", "detailType", DynamoDbLedger.TTL_ATTRIBUTE);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRequestClaims(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<RequestClaim> claim(String requestKey, String holder, Instant leaseEnds, Instant forgetAt) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(inProgress(requestKey, holder, leaseEnds, forgetAt))
                    .conditionExpression("attribute_not_exists(pk) OR holder = :holder")
                    .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException claimed) {
            if (!claimed.hasItem()) {
                // DynamoDB returns the item that failed the condition; without it nothing is known: fail, retry
                throw new IllegalStateException("the claim of operator request " + requestKey + " failed its"
                        + " condition, but DynamoDB returned no item", claimed);
            }
            return Optional.of(claimOf(claimed.item()));
        }
    }

    @Override
    public boolean takeOver(String requestKey, String holder, Instant seenLeaseEnds, Instant leaseEnds,
                            Instant forgetAt) {
        return conditionally(() -> dynamo.putItem(r -> r.tableName(table)
                .item(inProgress(requestKey, holder, leaseEnds, forgetAt))
                // or this holder's own takeover, when the SDK retries it after a lost answer
                .conditionExpression("(#state = :inProgress AND leaseEnds = :seen) OR holder = :holder")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder),
                        ":inProgress", AttributeValue.fromS(IN_PROGRESS),
                        ":seen", AttributeValue.fromS(seenLeaseEnds.toString())))));
    }

    @Override
    public boolean complete(String requestKey, String holder, RequestClaim.Done answer, Instant forgetAt) {
        var item = common(requestKey, holder, DONE, forgetAt);
        item.put("outcome", AttributeValue.fromS(answer.outcome()));
        if (answer.detailType() != null) item.put("detailType", AttributeValue.fromS(answer.detailType()));
        return conditionally(() -> dynamo.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("holder = :holder")
                .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder)))));
    }

    @Override
    public void release(String requestKey, String holder) {
        conditionally(() -> dynamo.deleteItem(r -> r.tableName(table).key(key(requestKey))
                .conditionExpression("holder = :holder")
                .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder)))));
    }

    private static boolean conditionally(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException notTheHolder) {
            return false;
        }
    }

    private static Map<String, AttributeValue> inProgress(String requestKey, String holder, Instant leaseEnds,
                                                          Instant forgetAt) {
        var item = common(requestKey, holder, IN_PROGRESS, forgetAt);
        item.put("leaseEnds", AttributeValue.fromS(leaseEnds.toString()));
        return item;
    }

    private static Map<String, AttributeValue> common(String requestKey, String holder, String state,
                                                      Instant forgetAt) {
        var item = new HashMap<>(key(requestKey));
        item.put("type", AttributeValue.fromS("operator-request"));
        item.put("requestKey", AttributeValue.fromS(requestKey));
        item.put("holder", AttributeValue.fromS(holder));
        item.put("state", AttributeValue.fromS(state));
        item.put(DynamoDbLedger.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(forgetAt.getEpochSecond())));
        return item;
    }

    private static RequestClaim claimOf(Map<String, AttributeValue> item) {
        var state = item.get("state");
        if (state == null) {
            // a claim kept before claims had states: its request was handled (or withdrawn, had it failed)
            return new RequestClaim.Done("repeated", null);
        }
        if (DONE.equals(state.s())) {
            var detailType = item.get("detailType");
            return new RequestClaim.Done(item.get("outcome").s(), detailType == null ? null : detailType.s());
        }
        return new RequestClaim.InProgress(Instant.parse(item.get("leaseEnds").s()));
    }

    private static Map<String, AttributeValue> key(String requestKey) {
        return Map.of("pk", AttributeValue.fromS(PARTITION_PREFIX + requestKey), "sk", AttributeValue.fromS(SORT_KEY));
    }
}
