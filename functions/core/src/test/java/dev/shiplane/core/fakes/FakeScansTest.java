package dev.shiplane.core.fakes;

import dev.shiplane.core.gate.ScanRecords;

class FakeScansTest extends ScanRecordsContract {

    private final FakeScans scans = new FakeScans();

    @Override
    protected ScanRecords records() {
        return scans;
    }
}
