package dev.shiplane.cli;

import dev.shiplane.core.access.OperatorAction;
import dev.shiplane.core.access.OperatorRules;
import dev.shiplane.core.access.PrincipalPattern;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who may do what in each environment, as {@code plan} and {@code status} show it beside their own tables. */
final class OperatorsView {

    static final String OPEN = "any principal of shiplane's account allowed to invoke the operator entry"
            + " (no operators listed)";

    private OperatorsView() {}

    /** For {@code --json}: each action's principal patterns; {@code null} (left out) when the environment lists none. */
    static Map<String, List<String>> json(OperatorRules rules, String env) {
        if (!rules.lists(env)) return null;
        Map<String, List<String>> who = new LinkedHashMap<>();
        rules.whoMay(env).forEach((action, principals) ->
                who.put(action.code(), principals.stream().map(PrincipalPattern::arn).toList()));
        return who;
    }

    /** One row per environment and set of principals, the actions they may take gathered on it. */
    static void print(PrintWriter out, OperatorRules rules, List<String> environments) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (var env : environments) {
            if (!rules.lists(env)) {
                rows.add(Output.row("env", env, "actions", "all", "operators", OPEN));
                continue;
            }
            Map<List<PrincipalPattern>, List<String>> actionsByWho = new LinkedHashMap<>();
            rules.whoMay(env).forEach((action, who) ->
                    actionsByWho.computeIfAbsent(who, w -> new ArrayList<>()).add(action.code()));
            actionsByWho.forEach((who, actions) -> rows.add(Output.row("env", env,
                    "actions", actions.size() == OperatorAction.values().length ? "all" : String.join(",", actions),
                    "operators", who.isEmpty() ? "nobody" : String.join(" ", who.stream()
                            .map(PrincipalPattern::arn).toList()))));
        }
        if (rows.isEmpty()) return;
        out.println();
        out.println("Who may act (environments.<env>.operators):");
        Output.table(out, rows);
    }
}
