package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.operator.RequestClaim;
import dev.shiplane.core.operator.RequestClaims;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RequestClaims} must do. Run against the in-memory fake (core) and DynamoDB on the emulator (aws),
 * so operator tests built on the fake say something true about production. That concurrent claims and take-overs
 * have one winner is DynamoDB's guarantee for conditional writes, which moto's threaded server does not give; the
 * fake's own test holds it to that guarantee.
 */
public abstract class RequestClaimsContract {

    protected abstract RequestClaims claims();

    static final String KEY = "arn:aws:sts::123456789012:assumed-role/Releaser/ana:r-1";
    static final Instant LEASE_ENDS = Instant.parse("2026-12-06T12:01:00Z");
    static final Instant FORGET_AT = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void firstClaim_isHeld_andAnotherHolderFindsItInProgress() {
        assertThat(claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT)).isEmpty();

        assertThat(claims().claim(KEY, "holder-b", LEASE_ENDS.plusSeconds(5), FORGET_AT))
                .contains(new RequestClaim.InProgress(LEASE_ENDS));
    }

    @Test
    void sameHolderClaimingAgain_holdsIt_asAnSdkRetryOfItsOwnWrite() {
        claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT);

        assertThat(claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT)).isEmpty();
    }

    @Test
    void completedClaim_isFoundDone_withItsAnswer() {
        claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT);

        assertThat(claims().complete(KEY, "holder-a", new RequestClaim.Done("accepted", "Rollback Requested"), FORGET_AT))
                .isTrue();

        assertThat(claims().claim(KEY, "holder-b", LEASE_ENDS, FORGET_AT))
                .contains(new RequestClaim.Done("accepted", "Rollback Requested"));
    }

    @Test
    void doneWithoutAnEvent_keepsNoDetailType() {
        claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT);
        claims().complete(KEY, "holder-a", new RequestClaim.Done("nothing-to-do", null), FORGET_AT);

        assertThat(claims().claim(KEY, "holder-b", LEASE_ENDS, FORGET_AT))
                .contains(new RequestClaim.Done("nothing-to-do", null));
    }

    @Test
    void takeOver_conditionalOnTheLeaseSeen_movesTheClaimToTheNewHolder() {
        claims().claim(KEY, "crashed", LEASE_ENDS, FORGET_AT);
        var later = LEASE_ENDS.plusSeconds(60);

        assertThat(claims().takeOver(KEY, "retry", LEASE_ENDS, later, FORGET_AT)).isTrue();

        assertThat(claims().claim(KEY, "third", later, FORGET_AT)).contains(new RequestClaim.InProgress(later));
        assertThat(claims().complete(KEY, "crashed", new RequestClaim.Done("accepted", "Deploy Requested"), FORGET_AT))
                .as("the crashed holder no longer holds it").isFalse();
        assertThat(claims().complete(KEY, "retry", new RequestClaim.Done("accepted", "Deploy Requested"), FORGET_AT))
                .isTrue();
    }

    @Test
    void takeOver_ofALeaseThatChangedSinceSeen_fails() {
        claims().claim(KEY, "crashed", LEASE_ENDS, FORGET_AT);
        claims().takeOver(KEY, "first-retry", LEASE_ENDS, LEASE_ENDS.plusSeconds(60), FORGET_AT);

        assertThat(claims().takeOver(KEY, "second-retry", LEASE_ENDS, LEASE_ENDS.plusSeconds(61), FORGET_AT))
                .isFalse();
        assertThat(claims().claim(KEY, "third", LEASE_ENDS, FORGET_AT))
                .contains(new RequestClaim.InProgress(LEASE_ENDS.plusSeconds(60)));
    }

    @Test
    void takeOver_ofADoneRequest_fails() {
        claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT);
        claims().complete(KEY, "holder-a", new RequestClaim.Done("accepted", "Deploy Requested"), FORGET_AT);

        assertThat(claims().takeOver(KEY, "retry", LEASE_ENDS, LEASE_ENDS.plusSeconds(60), FORGET_AT)).isFalse();
    }

    @Test
    void release_byItsHolder_letsTheNextClaimWin_byAnotherHolder_changesNothing() {
        claims().claim(KEY, "holder-a", LEASE_ENDS, FORGET_AT);

        claims().release(KEY, "holder-b");
        assertThat(claims().claim(KEY, "holder-c", LEASE_ENDS, FORGET_AT)).isPresent();

        claims().release(KEY, "holder-a");
        assertThat(claims().claim(KEY, "holder-c", LEASE_ENDS, FORGET_AT)).isEmpty();
    }

    @Test
    void releasingAnUnknownRequest_doesNothing() {
        claims().release("never-seen", "holder-a");

        assertThat(claims().claim("never-seen", "holder-a", LEASE_ENDS, FORGET_AT)).isEmpty();
    }
}
