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
 * days by default, so a year of DORA figures survives), kept as {@value #RETAIN_UNTIL} on every item. The running
 * revision, known-good revisions, the open rollout and quarantines live in the head, which never expires; the one
 * deployment item the head points at ({@code activeDeploymentId}: what a rollback, a restart or a completion reads)
 * carries no {@value #TTL_ATTRIBUTE} while it does, however long the service goes without a deployment. The head
 * write that points at another deployment gives the replaced item its {@value #TTL_ATTRIBUTE}, in the same
 * transaction ({@link ServiceState#replacedDeploymentId}). {@link #save} never changes an item's expiry: it updates
 * the item in place, so a progress write on the deployment the head points at cannot make it expire.
 */
public final class DynamoDbLedger implements Ledger {

    static final String STATE_SK = "STATE";
    static final String DEPLOYMENT_PREFIX = "DEP#";
    /** The history index and its sort key; the CDK table declares both ({@code DeliveryCore}). */
    public static final String HISTORY_INDEX = "history";
    public static final String HISTORY_SORT_KEY = "historyAt";
    /** The table's TTL attribute: epoch seconds after which DynamoDB deletes the item. */
    static final String TTL_ATTRIBUTE = "ttl";
    /** Epoch seconds: the end of a deployment's retention, its {@value #TTL_ATTRIBUTE} once the head points elsewhere. */
    static final String RETAIN_UNTIL = "retainUntil";
    /** What a deployment item may hold besides its key: {@link #save} removes those the deployment has no value for. */
    private static final List<String> DEPLOYMENT_ATTRIBUTES = List.of("type", "deploymentId", "env", "service",
            "pushId", "registry", "repository", "tag", "digest", "imageUri", "commitSha", "committedAt", "status",
            "announced", "fromTaskDefinition", "toTaskDefinition", "ecsDeploymentId", "pushedAt", "createdAt",
            HISTORY_SORT_KEY, RETAIN_UNTIL, "updatedAt", "reason", "alarmAt", "approvalServiceDeployment",
            "approvalHookId", "approvalExpiresAt");
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
                knownGood(item), strings(item, "quarantined"), s(item, "replacedDeploymentId"));
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
            var item = toItem(d, d.deploymentId().equals(state.activeDeploymentId()));
            others.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
        }
        var replaced = state.replacedDeploymentId();
        if (replaced != null && deployments.stream().noneMatch(d -> d.deploymentId().equals(replaced))) {
            // An item written before retainUntil existed expires a retention after it was replaced.
            var fallback = deployments.stream().filter(d -> d.deploymentId().equals(state.activeDeploymentId()))
                    .map(Deployment::createdAt).filter(java.util.Objects::nonNull).findFirst()
                    .map(this::expiryOf).orElse(null);
            writeHead(state, expectedVersion, others, release(state, replaced, fallback));
            return;
        }
        writeHead(state, expectedVersion, others, null);
    }

    /**
     * The replaced deployment's expiry, set from its own retention. Conditional on the item: one that has already
     * expired and gone is not brought back as a stub.
     */
    private TransactWriteItem release(ServiceState state, String deploymentId, Long fallback) {
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key(partition(state.env(), state.service()), DEPLOYMENT_PREFIX + deploymentId))
                .updateExpression(fallback == null ? "SET #ttl = #retain" : "SET #ttl = if_not_exists(#retain, :fallback)")
                .conditionExpression(fallback == null ? "attribute_exists(#retain)" : "attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#ttl", TTL_ATTRIBUTE, "#retain", RETAIN_UNTIL))
                .expressionAttributeValues(fallback == null ? null
                        : Map.of(":fallback", AttributeValue.fromN(Long.toString(fallback))))).build();
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
        var replaced = state.replacedDeploymentId();
        if (replaced != null && (change == null || !change.deploymentId().equals(replaced))) {
            writeHead(state, expectedVersion, others, release(state, replaced, null));
            return;
        }
        if (replaced != null) {
            throw new IllegalArgumentException("a head that replaces " + replaced + " commits with its deployments");
        }
        writeHead(state, expectedVersion, others, null);
    }

    /**
     * The head, conditional on its version, alone (one PutItem) or with other writes (one transaction). A
     * {@code release} that finds its item gone (expired before retainUntil existed) is left out and the write made
     * again: the item it would have given an expiry no longer exists.
     */
    private void writeHead(ServiceState state, long expectedVersion, List<TransactWriteItem> others,
                           TransactWriteItem release) {
        if (release == null) {
            writeTogether(state, expectedVersion, others, false);
            return;
        }
        List<TransactWriteItem> all = new ArrayList<>(others);
        all.add(release);
        try {
            writeTogether(state, expectedVersion, all, true);
        } catch (ReleasedItemGone gone) {
            writeTogether(state, expectedVersion, others, false);
        }
    }

    /** @param lastReleases the last of {@code others} is a {@link #release}, whose failure alone is not staleness */
    private void writeTogether(ServiceState state, long expectedVersion, List<TransactWriteItem> others,
                               boolean lastReleases) {
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
            var failed = e.cancellationReasons().stream()
                    .map(reason -> "ConditionalCheckFailed".equals(reason.code())).toList();
            if (lastReleases && failed.size() == writes.size() && failed.indexOf(true) == failed.size() - 1) {
                throw new ReleasedItemGone(e);
            }
            if (failed.contains(true)) throw stale(state, expectedVersion);
            throw e;
        }
    }

    /** Only the release of a replaced deployment failed its condition: its item is gone. */
    private static final class ReleasedItemGone extends RuntimeException {
        ReleasedItemGone(Throwable cause) {
            super(cause);
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

    /**
     * In place (UpdateItem): every attribute of the deployment set, those it has no value for removed, its expiry left
     * as the head's writes made it. Only a deployment no head can point at yet (pending, awaiting its scan, blocked at
     * the gate) may be new here, and is given its expiry if it has none.
     */
    @Override
    public void save(Deployment deployment) {
        var item = toItem(deployment, false);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENT_ATTRIBUTES.size(); i++) {
            var name = DEPLOYMENT_ATTRIBUTES.get(i);
            names.put("#a" + i, name);
            if (item.containsKey(name)) {
                set.add("#a" + i + " = :v" + i);
                values.put(":v" + i, item.get(name));
            } else {
                remove.add("#a" + i);
            }
        }
        if (!reachedEcs(deployment.status()) && item.containsKey(TTL_ATTRIBUTE)) {
            names.put("#ttl", TTL_ATTRIBUTE);
            set.add("#ttl = if_not_exists(#ttl, :ttl)");
            values.put(":ttl", item.get(TTL_ATTRIBUTE));
        }
        var update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        dynamo.updateItem(r -> r.tableName(table).key(key(item.get("pk").s(), item.get("sk").s()))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    /** Whether a head may point at a deployment in this status: it reached ECS (or was ended after it could have). */
    private static boolean reachedEcs(DeploymentStatus status) {
        return switch (status) {
            case PENDING, AWAITING_SCAN, BLOCKED -> false;
            case STARTED, SUCCEEDED, FAILED, ROLLED_BACK, ABORTED, SUPERSEDED -> true;
        };
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

    private long expiryOf(Instant createdAt) {
        return createdAt.plus(retention).getEpochSecond();
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
        put(item, "replacedDeploymentId", s.replacedDeploymentId());
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

    /** @param keptByHead the head points at it: no {@value #TTL_ATTRIBUTE} while it does */
    private Map<String, AttributeValue> toItem(Deployment d, boolean keptByHead) {
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
            var expiry = AttributeValue.fromN(Long.toString(expiryOf(d.createdAt())));
            item.put(RETAIN_UNTIL, expiry);
            if (!keptByHead) item.put(TTL_ATTRIBUTE, expiry);
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
