package dev.shiplane.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The accounts a configuration names: none (one account, as before accounts could be named) or one per environment,
 * each a 12-digit AWS account id; a service's {@code ecrAccount} only where environments name theirs.
 */
final class AccountProblems {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private AccountProblems() {}

    static List<String> of(List<EnvironmentSpec> environments, List<ServiceSpec> services) {
        List<String> problems = new ArrayList<>();
        for (var env : environments) {
            if (env.account() != null && !ACCOUNT_ID.matcher(env.account()).matches()) {
                problems.add("environments." + env.name() + ".account: '" + env.account()
                        + "' is not a 12-digit AWS account id (write it in quotes: \"210987654321\")");
            }
        }
        var withoutAccount = environments.stream().filter(e -> e.account() == null).map(EnvironmentSpec::name)
                .toList();
        boolean named = withoutAccount.size() < environments.size();
        if (named && !withoutAccount.isEmpty()) {
            problems.add("environments: " + String.join(", ", withoutAccount) + " name no account (once one"
                    + " environment names its account, every one does)");
        }
        for (var svc : services) {
            if (svc.ecrAccount() == null) continue;
            var at = "services." + svc.name() + ".ecrAccount";
            if (!ACCOUNT_ID.matcher(svc.ecrAccount()).matches()) {
                problems.add(at + ": '" + svc.ecrAccount() + "' is not a 12-digit AWS account id");
            } else if (!named) {
                problems.add(at + ": needs the environments' accounts (name each environment's account)");
            }
        }
        return problems;
    }
}
