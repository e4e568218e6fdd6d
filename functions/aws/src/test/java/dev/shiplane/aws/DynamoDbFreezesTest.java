package dev.shiplane.aws;

import dev.shiplane.core.fakes.FreezesContract;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The freezes contract against the ledger table in the emulator. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbFreezesTest extends FreezesContract {

    private DynamoDbFreezes freezes;

    @BeforeEach
    void createTable(TestAws aws) {
        aws.createLedgerTable("shiplane-ledger");
        freezes = new DynamoDbFreezes(aws.build(DynamoDbClient.builder()), "shiplane-ledger");
    }

    @Override
    protected Freezes freezes() {
        return freezes;
    }
}
