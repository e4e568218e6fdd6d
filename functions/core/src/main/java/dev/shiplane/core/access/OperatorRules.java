package dev.shiplane.core.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may do what, per environment: {@code environments.<env>.operators} of {@code shiplane.yml}. An environment
 * with a list allows only the principals it names, each for the actions named beside them; an environment without
 * one allows any principal of shiplane's own account that IAM lets invoke the operator entry.
 *
 * @param byEnvironment each listing environment's grants, in configuration order
 */
public record OperatorRules(Map<String, List<OperatorGrant>> byEnvironment) {

    public OperatorRules {
        var copy = new LinkedHashMap<String, List<OperatorGrant>>();
        byEnvironment.forEach((env, grants) -> copy.put(env, List.copyOf(grants)));
        byEnvironment = java.util.Collections.unmodifiableMap(copy);
    }

    public static OperatorRules none() {
        return new OperatorRules(Map.of());
    }

    /** Whether {@code env} lists its operators (and so allows only them). */
    public boolean lists(String env) {
        return byEnvironment.containsKey(env);
    }

    public List<OperatorGrant> grantsIn(String env) {
        return byEnvironment.getOrDefault(env, List.of());
    }

    /**
     * Who may take each action in {@code env}, for {@code shiplane plan} and {@code status}: the principals by action,
     * every action present (an empty list: nobody), or an empty map when the environment lists no operators.
     */
    public Map<OperatorAction, List<PrincipalPattern>> whoMay(String env) {
        var who = new LinkedHashMap<OperatorAction, List<PrincipalPattern>>();
        if (!lists(env)) return who;
        for (var action : OperatorAction.values()) {
            who.put(action, grantsIn(env).stream().filter(g -> g.actions().contains(action))
                    .flatMap(g -> g.principals().stream()).distinct().toList());
        }
        return who;
    }
}
