package dev.shiplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.infra.PatternRules.PatternRule;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.event.ruler.Machine;

/**
 * Routes events the way EventBridge itself does: the rules' patterns, unchanged, loaded into Event Ruler, the
 * open-source matcher at the core of EventBridge ({@code software.amazon.event.ruler}). Event Ruler knows nothing of
 * buses, and a rule only ever sees the events put on its own bus, so each bus gets a machine of its own.
 */
final class EventRulerRoutes {

    private final Map<String, Machine> machinesByBus = new LinkedHashMap<>();
    private final Map<String, PatternRule> rulesByName = new LinkedHashMap<>();

    private EventRulerRoutes() {}

    /** A machine per bus holding its rules; a pattern Event Ruler refuses fails here, naming the rule. */
    static EventRulerRoutes of(Collection<PatternRule> rules) {
        var routes = new EventRulerRoutes();
        for (var rule : rules) {
            if (routes.rulesByName.putIfAbsent(rule.name(), rule) != null) {
                throw new IllegalArgumentException("two rules named " + rule.name());
            }
            try {
                routes.machinesByBus.computeIfAbsent(rule.bus(), bus -> new Machine())
                        .addRule(rule.name(), rule.pattern().toString());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("Event Ruler refuses " + rule.name() + "'s pattern "
                        + rule.pattern() + ": " + e.getMessage(), e);
            }
        }
        return routes;
    }

    /** How many rules were loaded, over every bus. */
    int ruleCount() {
        return rulesByName.size();
    }

    /** The rules an event put on {@code bus} matches, by name order. */
    List<PatternRule> rulesMatching(String bus, JsonNode event) {
        var machine = machinesByBus.get(bus);
        if (machine == null) return List.of();
        return new TreeSet<>(machine.rulesForJSONEvent(event)).stream().map(rulesByName::get).toList();
    }

    /** The functions an event put on {@code bus} reaches through the rules it matches. */
    Set<String> functionsReached(String bus, JsonNode event) {
        var functions = new TreeSet<String>();
        rulesMatching(bus, event).forEach(rule -> functions.addAll(rule.functions()));
        return functions;
    }

    /** The loaded rules whose targets include one of {@code functions}: where to look when two engines disagree. */
    List<PatternRule> rulesReaching(Set<String> functions) {
        return rulesByName.values().stream()
                .filter(rule -> rule.functions().stream().anyMatch(functions::contains)).toList();
    }
}
