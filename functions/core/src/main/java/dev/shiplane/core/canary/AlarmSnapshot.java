package dev.shiplane.core.canary;

import java.util.List;
import java.util.Map;

/**
 * The state of a service's gate alarms at one moment. A configured alarm that does not exist counts as firing:
 * a gate that cannot be read must not pass.
 *
 * @param states alarm name → {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}; absent = missing
 */
public record AlarmSnapshot(List<String> gates, Map<String, String> states) {

    public AlarmSnapshot {
        gates = List.copyOf(gates);
        states = Map.copyOf(states);
    }

    public static AlarmSnapshot none() {
        return new AlarmSnapshot(List.of(), Map.of());
    }

    /** Why the gate fails ({@code api-5xx in ALARM, api-p99 missing}), or {@code null} when it passes. */
    public String failure() {
        var failing = gates.stream()
                .filter(g -> !states.containsKey(g) || "ALARM".equals(states.get(g)))
                .map(g -> g + (states.containsKey(g) ? " in ALARM" : " missing"))
                .toList();
        return failing.isEmpty() ? null : String.join(", ", failing);
    }
}
