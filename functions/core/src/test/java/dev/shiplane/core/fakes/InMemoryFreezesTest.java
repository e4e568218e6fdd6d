package dev.shiplane.core.fakes;

import dev.shiplane.core.freeze.Freezes;

class InMemoryFreezesTest extends FreezesContract {

    private final InMemoryFreezes freezes = new InMemoryFreezes();

    @Override
    protected Freezes freezes() {
        return freezes;
    }
}
