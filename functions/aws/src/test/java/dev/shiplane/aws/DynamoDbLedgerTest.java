package dev.shiplane.aws;

import dev.shiplane.core.fakes.LedgerContract;
import dev.shiplane.core.ports.Ledger;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ledger contract against DynamoDB in the emulator: conditions and transactions are the emulator's own. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbLedgerTest extends LedgerContract {

    private DynamoDbLedger ledger;

    @BeforeEach
    void createTable(TestAws aws) {
        aws.createLedgerTable("shiplane-ledger");
        ledger = new DynamoDbLedger(aws.build(DynamoDbClient.builder()), "shiplane-ledger");
    }

    @Override
    protected Ledger ledger() {
        return ledger;
    }
}
