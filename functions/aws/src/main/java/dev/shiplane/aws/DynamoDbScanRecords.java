package dev.shiplane.aws;

import dev.shiplane.core.gate.ImageScanned;
import dev.shiplane.core.gate.ScanResult;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.gate.ScanRecords;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link ScanRecords} in the ledger table: one item per image, {@code pk = SCAN#<repository>@<digest>},
 * {@code sk = SCAN}, overwritten by a rescan, expiring ({@code ttl}) {@value #KEEP_DAYS} days after the scan.
 */
public final class DynamoDbScanRecords implements ScanRecords {

    static final String PARTITION_PREFIX = "SCAN#";
    static final String SORT_KEY = "SCAN";
    static final long KEEP_DAYS = 90;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbScanRecords(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(ImageScanned scan) {
        Map<String, AttributeValue> item = new HashMap<>(key(scan.repository(), scan.digest()));
        item.put("type", AttributeValue.fromS("image-scan"));
        item.put("scannedAt", AttributeValue.fromS(scan.at().toString()));
        item.put("ttl", AttributeValue.fromN(Long.toString(scan.at().plus(Duration.ofDays(KEEP_DAYS)).getEpochSecond())));
        switch (scan.result()) {
            case ScanResult.Complete c -> {
                item.put("status", AttributeValue.fromS("COMPLETE"));
                if (c.counts() != null) {
                    Map<String, AttributeValue> counts = new HashMap<>();
                    c.counts().forEach((s, n) -> counts.put(s.name(), AttributeValue.fromN(Integer.toString(n))));
                    item.put("counts", AttributeValue.fromM(counts));
                }
            }
            case ScanResult.Failed f -> {
                item.put("status", AttributeValue.fromS(f.status()));
                if (f.description() != null) item.put("description", AttributeValue.fromS(f.description()));
            }
            // Only results are announced by events; the other kinds are never recorded.
            case ScanResult.Pending p -> { return; }
            case ScanResult.NotConfigured n -> { return; }
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public Optional<ScanResult> find(String repository, String digest) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(repository, digest)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        var status = item.get("status").s();
        if (!status.equals("COMPLETE")) {
            var description = item.get("description");
            return Optional.of(new ScanResult.Failed(status, description == null ? null : description.s()));
        }
        var counts = item.get("counts");
        if (counts == null) return Optional.of(new ScanResult.Complete(null));
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        counts.m().forEach((s, n) -> bySeverity.put(Severity.valueOf(s), Integer.parseInt(n.n())));
        return Optional.of(new ScanResult.Complete(bySeverity));
    }

    private static Map<String, AttributeValue> key(String repository, String digest) {
        return Map.of("pk", AttributeValue.fromS(PARTITION_PREFIX + repository + "@" + digest),
                "sk", AttributeValue.fromS(SORT_KEY));
    }
}
