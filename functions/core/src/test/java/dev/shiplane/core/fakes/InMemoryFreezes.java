package dev.shiplane.core.fakes;

import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.freeze.Freezes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Freezes in memory, one per environment, kept until replaced or lifted like the ledger table's items. */
public final class InMemoryFreezes implements Freezes {

    private final Map<String, Freeze> byEnv = new HashMap<>();

    @Override
    public synchronized Optional<Freeze> of(String env) {
        return Optional.ofNullable(byEnv.get(env));
    }

    @Override
    public synchronized void put(Freeze freeze) {
        byEnv.put(freeze.env(), freeze);
    }

    @Override
    public synchronized void lift(String env) {
        byEnv.remove(env);
    }
}
