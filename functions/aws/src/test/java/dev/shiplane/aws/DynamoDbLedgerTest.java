package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.fakes.LedgerContract;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.ledger.StatusChange;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ledger contract against DynamoDB in the emulator: conditions and transactions are the emulator's own. Expiry
 * is asserted as the attribute DynamoDB's TTL reads: moto never deletes expired items.
 */
@ExtendWith(EmulatorExtension.class)
class DynamoDbLedgerTest extends LedgerContract {

    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00.250Z");
    private static final String TABLE = "shiplane-ledger";

    private TestAws aws;
    private DynamoDbLedger ledger;

    @BeforeEach
    void createTable(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable(TABLE);
        ledger = new DynamoDbLedger(aws.build(DynamoDbClient.builder()), TABLE);
    }

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @Test
    void deploymentItem_expires400DaysAfterItsCreation_byDefault() {
        ledger.save(deployment("d-1", CREATED));

        var item = item("SVC#staging#web", "DEP#d-1");
        assertThat(item.get("ttl").n())
                .isEqualTo(Long.toString(Instant.parse("2027-12-06T10:00:00Z").getEpochSecond()));
        assertThat(item.get("historyAt").s()).isEqualTo("2026-11-01T10:00:00.250000000Z");
    }

    @Test
    void deploymentItem_expiresTheConfiguredRetentionAfterItsCreation_whicheverWriteMadeIt() {
        var kept30Days = new DynamoDbLedger(aws.build(DynamoDbClient.builder()), TABLE, Duration.ofDays(30));
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", CREATED.plusSeconds(120), CREATED);
        kept30Days.commit(List.of(deployment("d-1", CREATED)), leased, 0);
        // a status change made in place, hours later, keeps the expiry of the deployment's creation
        kept30Days.commit(leased.released(), leased.version(),
                new StatusChange("d-1", DeploymentStatus.SUCCEEDED, null, CREATED.plusSeconds(7200), null));

        assertThat(item("SVC#staging#web", "DEP#d-1").get("ttl").n())
                .isEqualTo(Long.toString(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond()));
    }

    @Test
    void theHead_neverExpires_forItHoldsWhatMustBeKept() {
        // running revision, known-good revisions, open rollout, quarantines: all in the head
        var leased = ServiceState.initial("staging", "web").leasedTo("d-1", CREATED.plusSeconds(120), CREATED);
        ledger.commit(List.of(deployment("d-1", CREATED)), leased, 0);
        ledger.releaseLease(leased);

        var head = item("SVC#staging#web", "STATE");
        assertThat(head).doesNotContainKeys("ttl", "historyAt");
    }

    @Test
    void aDeploymentWrittenBeforeTheIndex_joinsHistoryOnceBackfilled_andOnlyOnce() {
        ledger.save(deployment("d-new", CREATED.plusSeconds(60)));
        Map<String, AttributeValue> oldShape = new HashMap<>(item("SVC#staging#web", "DEP#d-new"));
        oldShape.remove("historyAt");
        oldShape.remove("ttl");
        oldShape.put("sk", AttributeValue.fromS("DEP#d-old"));
        oldShape.put("deploymentId", AttributeValue.fromS("d-old"));
        oldShape.put("createdAt", AttributeValue.fromS(CREATED.toString()));
        aws.dynamo().putItem(r -> r.tableName(TABLE).item(oldShape));
        assertThat(ledger.history("staging", "web", 10)).extracting(Deployment::deploymentId).containsExactly("d-new");

        var backfill = new LedgerHistoryBackfill(aws.build(DynamoDbClient.builder()), TABLE, Duration.ofDays(400));
        var backfilledAt = CREATED.plus(Duration.ofDays(30));
        assertThat(backfill.run(backfilledAt).indexed()).isEqualTo(1);
        assertThat(backfill.run(backfilledAt.plusSeconds(60)).indexed()).as("a second run").isZero();

        assertThat(ledger.history("staging", "web", 10)).extracting(Deployment::deploymentId)
                .containsExactly("d-new", "d-old");
        // from the backfill, not from the item's creation: an old running deployment must not expire at once
        assertThat(Long.parseLong(item("SVC#staging#web", "DEP#d-old").get("ttl").n()))
                .isEqualTo(backfilledAt.plus(Duration.ofDays(400)).getEpochSecond());
    }

    @Test
    void theDeploymentTheHeadPointsAt_carriesNoExpiry_whateverWritesIt_andTheOneItReplaces_expiresFromItsCreation() {
        var head = deploy(ServiceState.initial("staging", "web"), "d-1", CREATED);
        var running = ledger.deployment("staging", "web", "d-1").orElseThrow();
        ledger.save(running.announcedNow());
        ledger.commit(head.nextUnleased(), head.version(),
                new StatusChange("d-1", DeploymentStatus.SUCCEEDED, null, CREATED.plusSeconds(600), null));
        assertThat(item("SVC#staging#web", "DEP#d-1")).as("kept while the head points at it")
                .doesNotContainKey("ttl").containsKey("retainUntil");

        deploy(ledger.serviceState("staging", "web"), "d-2", CREATED.plus(Duration.ofDays(500)));

        assertThat(item("SVC#staging#web", "DEP#d-1").get("ttl").n()).as("replaced: a retention after its creation")
                .isEqualTo(Long.toString(CREATED.plus(Duration.ofDays(400)).getEpochSecond()));
        assertThat(item("SVC#staging#web", "DEP#d-2")).doesNotContainKey("ttl");
        assertThat(ledger.serviceState("staging", "web").activeDeploymentId()).isEqualTo("d-2");
    }

    @Test
    void aWriteOfTheRunningDeploymentWithItsHead_keepsIt_andOneNeverPointedAt_keepsItsExpiry() {
        var head = deploy(ServiceState.initial("staging", "web"), "d-1", CREATED);
        // a push still awaiting its scan, then closed as superseded: never pointed at, it expires as recorded
        ledger.save(deployment("d-held", CREATED.plusSeconds(30)).withStatus(DeploymentStatus.AWAITING_SCAN, "scan",
                CREATED.plusSeconds(30)));
        ledger.save(ledger.deployment("staging", "web", "d-held").orElseThrow()
                .withStatus(DeploymentStatus.SUPERSEDED, "newer push", CREATED.plusSeconds(60)).announcedNow());

        deploy(head, "d-1", CREATED.plusSeconds(90));

        assertThat(item("SVC#staging#web", "DEP#d-1")).doesNotContainKey("ttl");
        assertThat(item("SVC#staging#web", "DEP#d-held").get("ttl").n())
                .isEqualTo(Long.toString(CREATED.plusSeconds(30).plus(Duration.ofDays(400)).getEpochSecond()));
    }

    @Test
    void replacingADeploymentWhoseItemHasGone_writesTheHeadWithoutBringingTheItemBack() {
        var head = deploy(ServiceState.initial("staging", "web"), "d-1", CREATED);
        // expired under an earlier version, which gave the running deployment an expiry
        aws.dynamo().deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("SVC#staging#web"),
                "sk", AttributeValue.fromS("DEP#d-1"))));

        deploy(head, "d-2", CREATED.plus(Duration.ofDays(500)));

        assertThat(item("SVC#staging#web", "DEP#d-1")).isNullOrEmpty();
        assertThat(ledger.serviceState("staging", "web").activeDeploymentId()).isEqualTo("d-2");
    }

    @Test
    void aDeploymentRecordedBeforeRetainUntil_expiresARetentionAfterItWasReplaced() {
        var head = deploy(ServiceState.initial("staging", "web"), "d-1", CREATED);
        aws.dynamo().updateItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("SVC#staging#web"),
                "sk", AttributeValue.fromS("DEP#d-1"))).updateExpression("REMOVE retainUntil"));
        var replacedAt = CREATED.plus(Duration.ofDays(500));

        deploy(head, "d-2", replacedAt);

        assertThat(item("SVC#staging#web", "DEP#d-1").get("ttl").n())
                .isEqualTo(Long.toString(replacedAt.plus(Duration.ofDays(400)).getEpochSecond()));
    }

    @Test
    void theBackfill_keepsTheDeploymentEachHeadPointsAt_fromExpiring_once() {
        var head = deploy(ServiceState.initial("staging", "web"), "d-1", CREATED);
        deploy(head, "d-2", CREATED.plusSeconds(3600));
        // as an earlier version wrote them: every deployment with an expiry, none with retainUntil
        for (var id : List.of("d-1", "d-2")) {
            aws.dynamo().updateItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("SVC#staging#web"),
                    "sk", AttributeValue.fromS("DEP#" + id))).updateExpression("SET #ttl = :ttl REMOVE retainUntil")
                    .expressionAttributeNames(Map.of("#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(":ttl", AttributeValue.fromN("1900000000"))));
        }
        var backfill = new LedgerHistoryBackfill(aws.build(DynamoDbClient.builder()), TABLE, Duration.ofDays(400));

        assertThat(backfill.run(CREATED.plus(Duration.ofDays(30)))).isEqualTo(new LedgerHistoryBackfill.Backfilled(0, 1));
        assertThat(backfill.run(CREATED.plus(Duration.ofDays(31)))).as("a second run").isEqualTo(new LedgerHistoryBackfill.Backfilled(0, 0));

        assertThat(item("SVC#staging#web", "DEP#d-2")).as("the running deployment").doesNotContainKey("ttl")
                .containsEntry("retainUntil", AttributeValue.fromN("1900000000"));
        assertThat(item("SVC#staging#web", "DEP#d-1")).as("the one it replaced")
                .containsEntry("ttl", AttributeValue.fromN("1900000000"))
                .containsEntry("retainUntil", AttributeValue.fromN("1900000000"));
    }

    /** Takes the lease, records the pending deployment, then points the head at it started, as DeployService does. */
    private ServiceState deploy(ServiceState head, String id, Instant at) {
        var leased = head.leasedTo(id, at.plusSeconds(120), at);
        var pending = ledger.deployment("staging", "web", id).orElse(deployment(id, at));
        ledger.commit(List.of(pending), leased, head.version());
        var active = leased.activated(id, "ecs-" + id);
        ledger.commit(List.of(pending.rolling("ecs-" + id, at)), active, leased.version());
        return ledger.serviceState("staging", "web");
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return aws.dynamo().getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    private static Deployment deployment(String id, Instant createdAt) {
        return new Deployment(id, "staging", "web", "push-" + id,
                new ImageRef("ecr", "monynha/web", "1.4.2", "sha256:" + "a".repeat(64),
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@sha256:" + "a".repeat(64)),
                DeploymentStatus.PENDING, null, null, null, null, createdAt, createdAt, createdAt, null);
    }
}
