package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.operator.RequestClaim;
import dev.shiplane.core.operator.RequestClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class InMemoryRequestClaimsTest extends RequestClaimsContract {

    private final InMemoryRequestClaims claims = new InMemoryRequestClaims();

    @Override
    protected RequestClaims claims() {
        return claims;
    }

    // DynamoDB serializes conditional writes to one item; the fake must too (moto does not, so these are not run there)

    @Test
    void concurrentTakeOversOfOneExpiredClaim_haveExactlyOneWinner() throws Exception {
        claims().claim(KEY, "crashed", LEASE_ENDS, FORGET_AT);
        List<Callable<Boolean>> retries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var holder = "retry-" + i;
            retries.add(() -> claims().takeOver(KEY, holder, LEASE_ENDS, LEASE_ENDS.plusSeconds(60), FORGET_AT));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            long winners = 0;
            for (var result : pool.invokeAll(retries)) {
                if (result.get()) winners++;
            }
            assertThat(winners).isEqualTo(1);
        }
    }

    @Test
    void concurrentFirstClaims_haveExactlyOneWinner() throws Exception {
        List<Callable<Optional<RequestClaim>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var holder = "holder-" + i;
            attempts.add(() -> claims().claim(KEY, holder, LEASE_ENDS, FORGET_AT));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            long winners = 0;
            for (var result : pool.invokeAll(attempts)) {
                if (result.get().isEmpty()) winners++;
            }
            assertThat(winners).isEqualTo(1);
        }
    }
}
