package dev.shiplane.core.fakes;

import dev.shiplane.core.ledger.Ledger;

class InMemoryLedgerTest extends LedgerContract {

    private final InMemoryLedger ledger = new InMemoryLedger();

    @Override
    protected Ledger ledger() {
        return ledger;
    }
}
