package dev.shiplane.aws;

import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.freeze.Freezes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Freezes} in the ledger table: one item per environment, {@code pk = FREEZE#<env>, sk = FREEZE}, with a
 * TTL-style {@code until}. An ended freeze stays until replaced or lifted; callers compare {@code until}.
 */
public final class DynamoDbFreezes implements Freezes {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbFreezes(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String env) {
        return Map.of("pk", AttributeValue.fromS("FREEZE#" + env), "sk", AttributeValue.fromS("FREEZE"));
    }

    @Override
    public Optional<Freeze> of(String env) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(env))).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Freeze(env, item.containsKey("reason") ? item.get("reason").s() : null,
                Instant.parse(item.get("until").s()), item.get("requestedBy").s(), Instant.parse(item.get("at").s())));
    }

    @Override
    public void put(Freeze freeze) {
        Map<String, AttributeValue> item = new HashMap<>(key(freeze.env()));
        item.put("type", AttributeValue.fromS("freeze"));
        item.put("env", AttributeValue.fromS(freeze.env()));
        item.put("until", AttributeValue.fromS(freeze.until().toString()));
        item.put("requestedBy", AttributeValue.fromS(freeze.requestedBy()));
        item.put("at", AttributeValue.fromS(freeze.at().toString()));
        if (freeze.reason() != null) item.put("reason", AttributeValue.fromS(freeze.reason()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public void lift(String env) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(env)));
    }
}
