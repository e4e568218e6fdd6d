package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.fakes.RequestClaimsContract;
import dev.shiplane.core.operator.RequestClaim;
import dev.shiplane.core.operator.RequestClaims;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The request claims contract against DynamoDB in the emulator: the conditional writes are the emulator's own. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbRequestClaimsTest extends RequestClaimsContract {

    static final String KEY = "arn:aws:sts::123456789012:assumed-role/Releaser/ana:r-9";
    static final Instant LEASE_ENDS = Instant.parse("2026-12-06T12:01:00Z");
    static final Instant FORGET_AT = Instant.parse("2026-12-07T12:00:00Z");

    private TestAws aws;
    private DynamoDbRequestClaims claims;

    @BeforeEach
    void createTable(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        claims = new DynamoDbRequestClaims(aws.build(DynamoDbClient.builder()), "shiplane-ledger");
    }

    @Override
    protected RequestClaims claims() {
        return claims;
    }

    Map<String, AttributeValue> item() {
        return aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("DELIVERY#operator-request:" + KEY),
                "sk", AttributeValue.fromS("DELIVERY")))).item();
    }

    @Test
    void claim_isAnItemInProgress_withItsHolder_lease_andTheTablesTtl() {
        claims.claim(KEY, "invocation-1", LEASE_ENDS, FORGET_AT);

        var item = item();
        assertThat(item.get("state").s()).isEqualTo("in-progress");
        assertThat(item.get("holder").s()).isEqualTo("invocation-1");
        assertThat(item.get("leaseEnds").s()).isEqualTo("2026-12-06T12:01:00Z");
        assertThat(item.get("requestKey").s()).isEqualTo(KEY);
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(FORGET_AT.getEpochSecond()));
        assertThat(item.keySet()).isSubsetOf(keyAndListed());
    }

    @Test
    void completion_recordsTheAnswer_andDropsTheLease() {
        claims.claim(KEY, "invocation-1", LEASE_ENDS, FORGET_AT);

        claims.complete(KEY, "invocation-1", new RequestClaim.Done("accepted", "Rollback Requested"), FORGET_AT);

        var item = item();
        assertThat(item.get("state").s()).isEqualTo("done");
        assertThat(item.get("outcome").s()).isEqualTo("accepted");
        assertThat(item.get("detailType").s()).isEqualTo("Rollback Requested");
        assertThat(item).doesNotContainKey("leaseEnds");
        assertThat(item.get("holder").s()).isEqualTo("invocation-1");
        assertThat(item.get("ttl").n()).as("still forgotten in time").isEqualTo(Long.toString(
                FORGET_AT.getEpochSecond()));
        assertThat(item.keySet()).isSubsetOf(keyAndListed());
    }

    @Test
    void takeOver_rewritesHolderAndLease_onlyOnTheLeaseSeen() {
        claims.claim(KEY, "crashed", LEASE_ENDS, FORGET_AT);

        assertThat(claims.takeOver(KEY, "retry", LEASE_ENDS.minusSeconds(1), LEASE_ENDS.plusSeconds(60),
                FORGET_AT)).isFalse();
        assertThat(item().get("holder").s()).isEqualTo("crashed");

        assertThat(claims.takeOver(KEY, "retry", LEASE_ENDS, LEASE_ENDS.plusSeconds(60), FORGET_AT)).isTrue();
        var item = item();
        assertThat(item.get("holder").s()).isEqualTo("retry");
        assertThat(item.get("leaseEnds").s()).isEqualTo("2026-12-06T12:02:00Z");
        assertThat(item.get("state").s()).isEqualTo("in-progress");
    }

    @Test
    void releaseByTheHolder_deletesTheItem() {
        claims.claim(KEY, "invocation-1", LEASE_ENDS, FORGET_AT);

        claims.release(KEY, "invocation-1");

        assertThat(item()).isEmpty();
    }

    @Test
    void claimKeptBeforeClaimsHadStates_isAnsweredAsHandled() {
        // what the operator function wrote for a request id before: a delivery claim under the same key
        new DynamoDbDeliveryRegistry(aws.dynamo(), "shiplane-ledger").firstSeen("operator-request:" + KEY, FORGET_AT);

        assertThat(claims.claim(KEY, "invocation-1", LEASE_ENDS, FORGET_AT))
                .contains(new RequestClaim.Done("repeated", null));
    }

    static java.util.List<String> keyAndListed() {
        var all = new java.util.ArrayList<>(DynamoDbRequestClaims.CLAIM_ATTRIBUTES);
        all.addAll(java.util.List.of("pk", "sk"));
        return all;
    }
}
