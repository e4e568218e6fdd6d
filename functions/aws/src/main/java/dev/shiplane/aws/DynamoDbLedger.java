package dev.shiplane.aws;

import dev.shiplane.contract.ledger.RolloutJson;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.PendingApproval;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.KnownGood;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.ledger.StaleStateException;
import dev.shiplane.core.ledger.StatusChange;
import dev.shiplane.core.canary.Colour;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link Ledger} in one DynamoDB table (single-table design, keys {@code pk}/{@code sk}):
 * <ul>
 *   <li>{@code pk = SVC#<env>#<service>, sk = STATE} — the service head, versioned;</li>
 *   <li>{@code pk = SVC#<env>#<service>, sk = DEP#<deploymentId>} — one item per deployment.</li>
 * </ul>
 * Keeping a service's head and its deployments under one partition key lets one transaction cover both.
 * <p>
 * A deployment's sort key ({@code DEP#d-<sha256>}) is not ordered by time, so history is read from the sparse global
 * secondary index {@value #HISTORY_INDEX} ({@code pk}, {@code historyAt}): only deployment items carry
 * {@code historyAt}, their creation time written so that text order is time order. A read of the newest N costs N
 * items however long the history is. The index was added to the existing table (a stack update; a local index would
 * have replaced the table) and is eventually consistent: history is for displays and searches, decisions read the
 * head and single deployments from the table, strongly.
 * <p>
 * Each deployment item expires ({@value #TTL_ATTRIBUTE}, epoch seconds) a retention period after its creation (400
 * days by default, so a year of DORA figures survives). What must outlive it is not a deployment item: the running
 * revision, known-good revisions, the open rollout and quarantines live in the head, which never expires.
 */
public final class DynamoDbLedger implements Ledger {

    static final String STATE_SK = "STATE";
    static final String DEPLOYMENT_PREFIX = "DEP#";
    /** The history index and its sort key; the CDK table declares both ({@code DeliveryCore}). */
    public static final String HISTORY_INDEX = "history";
    public static final String HISTORY_SORT_KEY = "historyAt";
    /** The table's TTL attribute: epoch seconds after which DynamoDB deletes the item. */
    static final String TTL_ATTRIBUTE = "ttl";
    /** How long a deployment item is kept when the stack says nothing else: a year of DORA figures, and a margin. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    /** Nine fraction digits always, so that text order is time order (Instant#toString drops trailing zeros). */
    private static final DateTimeFormatter SORTABLE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z').toFormatter(Locale.ROOT).withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DEFAULT_RETENTION);
    }

    /** @param retention how long after its creation a deployment item expires */
    public DynamoDbLedger(DynamoDbClient dynamo, String table, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ledger retention must be positive, was " + retention);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    static String partition(String env, String service) {
        return "SVC#" + env + "#" + service;
    }

    @Override
    public ServiceState serviceState(String env, String service) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(partition(env, service), STATE_SK))).item();
        if (item == null || item.isEmpty()) {
            return ServiceState.initial(env, service);
        }
        var colour = s(item, "liveColour");
        var rollout = s(item, "rollout");
        var pending = s(item, "pendingActions");
        return new ServiceState(env, service, Long.parseLong(item.get("version").n()), s(item, "leaseOwner"),
                instant(item, "leaseExpiresAt"), s(item, "activeDeploymentId"), s(item, "activeEcsDeploymentId"),
                instant(item, "latestPushedAt"), s(item, "stableTaskDefinition"),
                colour == null ? null : Colour.valueOf(colour),
                rollout == null ? null : RolloutJson.readRollout(rollout),
                pending == null ? List.of() : RolloutJson.readActions(pending),
                knownGood(item), strings(item, "quarantined"));
    }

    @Override
    public Optional<Deployment> deployment(String env, String service, String deploymentId) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(partition(env, service), DEPLOYMENT_PREFIX + deploymentId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDeployment(item));
    }

    @Override
    public void commit(List<Deployment> deployments, ServiceState state, long expectedVersion) {
        List<TransactWriteItem> others = new ArrayList<>();
        for (var d : deployments) {
            others.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(d))).build());
        }
        writeHead(state, expectedVersion, others);
    }

    @Override
    public void commit(ServiceState state, long expectedVersion, StatusChange change) {
        List<TransactWriteItem> others = new ArrayList<>();
        if (change != null) {
            // Written in place: a transition must not spend a read on the deployment (the rollback budget counts calls).
            Map<String, AttributeValue> values = new HashMap<>(Map.of(
                    ":status", AttributeValue.fromS(change.status().name()),
                    ":at", AttributeValue.fromS(change.at().toString())));
            var update = new StringBuilder("SET #status = :status, announced = :status, updatedAt = :at");
            if (change.reason() != null) {
                update.append(", reason = :reason");
                values.put(":reason", AttributeValue.fromS(change.reason()));
            }
            if (change.alarmAt() != null) {
                update.append(", alarmAt = :alarmAt");
                values.put(":alarmAt", AttributeValue.fromS(change.alarmAt().toString()));
            }
            others.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(key(partition(state.env(), state.service()), DEPLOYMENT_PREFIX + change.deploymentId()))
                    // A deployment that has ended waits at no approval any more (Deployment#withStatus).
                    .updateExpression(update + (change.status().terminal()
                            ? " REMOVE approvalServiceDeployment, approvalHookId, approvalExpiresAt" : ""))
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)).build());
        }
        writeHead(state, expectedVersion, others);
    }

    /** The head, conditional on its version, alone (one PutItem) or with other writes (one transaction). */
    private void writeHead(ServiceState state, long expectedVersion, List<TransactWriteItem> others) {
        if (state.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("state version must be expectedVersion + 1");
        }
        var condition = expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :expected";
        var values = expectedVersion == 0 ? null
                : Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        var item = toItem(state);
        if (others.isEmpty()) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression(condition)
                        .expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException e) {
                throw stale(state, expectedVersion);
            }
            return;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(condition).expressionAttributeValues(values).build()).build());
        writes.addAll(others);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                throw stale(state, expectedVersion);
            }
            throw e;
        }
    }

    @Override
    public void releaseLease(ServiceState leased) {
        var item = toItem(leased.released());
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("version = :version AND leaseOwner = :owner AND leaseExpiresAt = :until")
                    .expressionAttributeValues(Map.of(
                            ":version", AttributeValue.fromN(Long.toString(leased.version())),
                            ":owner", AttributeValue.fromS(leased.leaseOwner()),
                            ":until", AttributeValue.fromS(leased.leaseExpiresAt().toString()))));
        } catch (ConditionalCheckFailedException notThatWrite) {
            // the lease write never landed, or another write has followed it: nothing of ours to give back
        }
    }

    @Override
    public void save(Deployment deployment) {
        dynamo.putItem(r -> r.tableName(table).item(toItem(deployment)));
    }

    @Override
    public List<Deployment> history(String env, String service, Instant since, int limit) {
        List<Deployment> found = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            var lastKey = startKey;
            var wanted = limit - found.size();
            // Newest first, and no more than still wanted: a page past the limit is never read.
            var page = dynamo.query(r -> r.tableName(table).indexName(HISTORY_INDEX)
                    .keyConditionExpression("pk = :pk AND " + HISTORY_SORT_KEY + " >= :since")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(env, service)),
                            ":since", AttributeValue.fromS(sortable(since))))
                    .scanIndexForward(false).limit(wanted).exclusiveStartKey(lastKey));
            page.items().forEach(item -> found.add(toDeployment(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && found.size() < limit);
        return List.copyOf(found);
    }

    /** The history index's sort key for a creation time (what a test that seeds the table in bulk writes). */
    public static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    private static StaleStateException stale(ServiceState state, long expectedVersion) {
        return new StaleStateException("ledger head of " + state.env() + "/" + state.service()
                + " is no longer at version " + expectedVersion);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> toItem(ServiceState s) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(s.env(), s.service()), STATE_SK));
        item.put("type", AttributeValue.fromS("service"));
        item.put("env", AttributeValue.fromS(s.env()));
        item.put("service", AttributeValue.fromS(s.service()));
        item.put("version", AttributeValue.fromN(Long.toString(s.version())));
        put(item, "leaseOwner", s.leaseOwner());
        put(item, "leaseExpiresAt", s.leaseExpiresAt());
        put(item, "activeDeploymentId", s.activeDeploymentId());
        put(item, "activeEcsDeploymentId", s.activeEcsDeploymentId());
        put(item, "latestPushedAt", s.latestPushedAt());
        put(item, "stableTaskDefinition", s.stableTaskDefinition());
        put(item, "liveColour", s.liveColour().name());
        put(item, "rollout", s.rollout() == null ? null : RolloutJson.write(s.rollout()));
        put(item, "pendingActions", s.pending().isEmpty() ? null : RolloutJson.writeActions(s.pending()));
        if (!s.knownGood().isEmpty()) {
            item.put("knownGood", AttributeValue.fromL(s.knownGood().stream().map(k -> {
                Map<String, AttributeValue> m = new HashMap<>();
                put(m, "deploymentId", k.deploymentId());
                put(m, "taskDefinition", k.taskDefinition());
                put(m, "digest", k.digest());
                put(m, "verifiedAt", k.verifiedAt());
                return AttributeValue.fromM(m);
            }).toList()));
        }
        if (!s.quarantined().isEmpty()) {
            item.put("quarantined", AttributeValue.fromL(s.quarantined().stream().map(AttributeValue::fromS).toList()));
        }
        return item;
    }

    private Map<String, AttributeValue> toItem(Deployment d) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition(d.env(), d.service()),
                DEPLOYMENT_PREFIX + d.deploymentId()));
        item.put("type", AttributeValue.fromS("deployment"));
        item.put("deploymentId", AttributeValue.fromS(d.deploymentId()));
        item.put("env", AttributeValue.fromS(d.env()));
        item.put("service", AttributeValue.fromS(d.service()));
        item.put("pushId", AttributeValue.fromS(d.pushId()));
        item.put("registry", AttributeValue.fromS(d.image().registry()));
        item.put("repository", AttributeValue.fromS(d.image().repository()));
        put(item, "tag", d.image().tag());
        item.put("digest", AttributeValue.fromS(d.image().digest()));
        item.put("imageUri", AttributeValue.fromS(d.image().uri()));
        if (d.image().commit() != null) {
            put(item, "commitSha", d.image().commit().sha());
            put(item, "committedAt", d.image().commit().committedAt());
        }
        item.put("status", AttributeValue.fromS(d.status().name()));
        put(item, "announced", d.announced() == null ? null : d.announced().name());
        put(item, "fromTaskDefinition", d.fromTaskDefinition());
        put(item, "toTaskDefinition", d.toTaskDefinition());
        put(item, "ecsDeploymentId", d.ecsDeploymentId());
        put(item, "pushedAt", d.pushedAt());
        put(item, "createdAt", d.createdAt());
        if (d.createdAt() != null) {
            item.put(HISTORY_SORT_KEY, AttributeValue.fromS(sortable(d.createdAt())));
            item.put(TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(d.createdAt().plus(retention).getEpochSecond())));
        }
        put(item, "updatedAt", d.updatedAt());
        put(item, "reason", d.reason());
        put(item, "alarmAt", d.alarmAt());
        if (d.approval() != null) {
            put(item, "approvalServiceDeployment", d.approval().serviceDeploymentArn());
            put(item, "approvalHookId", d.approval().hookId());
            put(item, "approvalExpiresAt", d.approval().expiresAt());
        }
        return item;
    }

    private static Deployment toDeployment(Map<String, AttributeValue> item) {
        var commitSha = s(item, "commitSha");
        var image = new ImageRef(s(item, "registry"), s(item, "repository"), s(item, "tag"), s(item, "digest"),
                s(item, "imageUri"), commitSha == null ? null : new ImageCommit(commitSha, instant(item, "committedAt")));
        var announced = s(item, "announced");
        return new Deployment(s(item, "deploymentId"), s(item, "env"), s(item, "service"), s(item, "pushId"), image,
                DeploymentStatus.valueOf(s(item, "status")), announced == null ? null : DeploymentStatus.valueOf(announced),
                s(item, "fromTaskDefinition"), s(item, "toTaskDefinition"), s(item, "ecsDeploymentId"),
                instant(item, "pushedAt"), instant(item, "createdAt"), instant(item, "updatedAt"), s(item, "reason"),
                instant(item, "alarmAt"), approval(item));
    }

    private static PendingApproval approval(Map<String, AttributeValue> item) {
        var hookId = s(item, "approvalHookId");
        return hookId == null ? null : new PendingApproval(s(item, "approvalServiceDeployment"), hookId,
                instant(item, "approvalExpiresAt"));
    }

    private static List<KnownGood> knownGood(Map<String, AttributeValue> item) {
        var list = item.get("knownGood");
        if (list == null || !list.hasL()) return List.of();
        return list.l().stream().map(v -> new KnownGood(s(v.m(), "deploymentId"), s(v.m(), "taskDefinition"),
                s(v.m(), "digest"), instant(v.m(), "verifiedAt"))).toList();
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        var list = item.get(name);
        return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }

    private static void put(Map<String, AttributeValue> item, String name, Object value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value.toString()));
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        var v = s(item, name);
        return v == null ? null : Instant.parse(v);
    }
}
