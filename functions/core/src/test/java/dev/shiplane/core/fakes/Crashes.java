package dev.shiplane.core.fakes;

import java.util.HashMap;
import java.util.Map;

/** Armed operation names; an armed operation throws once, after it took effect, at its n-th call from arming. */
final class Crashes {

    private final Map<String, Integer> armed = new HashMap<>();

    synchronized void arm(String operation, int occurrence) {
        armed.put(operation, occurrence);
    }

    synchronized void check(String operation) {
        var left = armed.get(operation);
        if (left == null) return;
        if (left > 1) {
            armed.put(operation, left - 1);
            return;
        }
        armed.remove(operation);
        throw new IllegalStateException("crash injected after " + operation);
    }
}
