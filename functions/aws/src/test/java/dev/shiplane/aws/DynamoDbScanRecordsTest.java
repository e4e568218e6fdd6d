package dev.shiplane.aws;

import dev.shiplane.core.fakes.ScanRecordsContract;
import dev.shiplane.core.gate.ScanRecords;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The scan records contract against DynamoDB in the emulator, in the ledger table beside the deployments. */
@ExtendWith(EmulatorExtension.class)
class DynamoDbScanRecordsTest extends ScanRecordsContract {

    private DynamoDbScanRecords records;

    @BeforeEach
    void createTable(TestAws aws) {
        aws.createLedgerTable("shiplane-ledger");
        records = new DynamoDbScanRecords(aws.build(DynamoDbClient.builder()), "shiplane-ledger");
    }

    @Override
    protected ScanRecords records() {
        return records;
    }
}
