package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.events.DeliveryRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryRegistryTest extends DeliveryRegistryContract {

    private final InMemoryDeliveryRegistry registry = new InMemoryDeliveryRegistry();

    @Override
    protected DeliveryRegistry registry() {
        return registry;
    }

    /** DynamoDB serializes conditional writes to one item; the fake must too (moto does not, so it is not run there). */
    @Test
    void concurrentClaimsOfOneDelivery_haveExactlyOneWinner() throws Exception {
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(() -> registry().firstSeen(DELIVERY, EXPIRES));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            var results = pool.invokeAll(claims);
            long winners = 0;
            for (var result : results) {
                if (result.get()) winners++;
            }
            assertThat(winners).isEqualTo(1);
        }
    }
}
