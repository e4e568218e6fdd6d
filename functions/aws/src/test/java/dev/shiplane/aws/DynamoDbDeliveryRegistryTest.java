package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.fakes.DeliveryRegistryContract;
import dev.shiplane.core.events.DeliveryRegistry;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The delivery registry contract against DynamoDB in the emulator: the conditional put is the emulator's own. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbDeliveryRegistryTest extends DeliveryRegistryContract {

    private TestAws aws;
    private DynamoDbDeliveryRegistry registry;

    @BeforeEach
    void createTable(TestAws aws) {
        this.aws = aws;
        aws.createLedgerTable("shiplane-ledger");
        registry = new DynamoDbDeliveryRegistry(aws.build(DynamoDbClient.builder()), "shiplane-ledger");
    }

    @Override
    protected DeliveryRegistry registry() {
        return registry;
    }

    @Test
    void claim_isAnItemWithTheTablesTtlAttribute_inEpochSeconds() {
        var expiresAt = Instant.parse("2026-12-26T10:07:01Z");

        registry.firstSeen("6f0c8e4a-cb11-11f0-9c1f-2f6a1d3e4b5c", expiresAt);

        var item = aws.dynamo().getItem(r -> r.tableName("shiplane-ledger").key(Map.of(
                "pk", AttributeValue.fromS("DELIVERY#6f0c8e4a-cb11-11f0-9c1f-2f6a1d3e4b5c"),
                "sk", AttributeValue.fromS("DELIVERY")))).item();
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(expiresAt.getEpochSecond()));
    }
}
