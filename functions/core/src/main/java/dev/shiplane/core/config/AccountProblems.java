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

    /**
     * Where environments name their accounts, a secret named by ARN lives in the ARN's account and is rotated by that
     * account's stack alone, which restarts only its own environments' consumers. So refuse what would be rotated
     * by no stack (an ARN account running no environment) or half-rotated (a consumer also running in another
     * account's environment, left on the stale value).
     */
    static List<String> ofSecrets(List<EnvironmentSpec> environments, List<ServiceSpec> services,
                                  RotationSpec rotation) {
        List<String> problems = new ArrayList<>();
        if (environments.stream().anyMatch(e -> e.account() == null)) return problems;
        var accounts = environments.stream().map(EnvironmentSpec::account).distinct().toList();
        for (var secret : rotation.secrets()) {
            var arnAccount = secretArnAccount(secret.secretId());
            if (arnAccount == null) continue;
            var at = "rotation.secrets." + secret.name();
            if (!accounts.contains(arnAccount)) {
                problems.add(at + ".secretId: the ARN is in account " + arnAccount + ", where no environment runs"
                        + " (accounts: " + accounts + "), so no delivery stack would rotate it; name the secret by"
                        + " name (each account keeps its own copy) or correct the ARN's account");
                continue;
            }
            var elsewhere = new ArrayList<String>();
            for (var consumer : secret.consumers()) {
                services.stream().filter(s -> s.name().equals(consumer)).findFirst().ifPresent(svc ->
                        environments.stream()
                                .filter(e -> svc.environments().contains(e.name()) && !arnAccount.equals(e.account()))
                                .forEach(e -> elsewhere.add(consumer + " in " + e.name() + " (account "
                                        + e.account() + ")")));
            }
            if (!elsewhere.isEmpty()) {
                problems.add(at + ".consumers: the secret named by ARN is rotated in account " + arnAccount
                        + ", whose stack restarts only that account's consumers, but " + String.join(", ", elsewhere)
                        + " would keep the stale value; name the secret by name (each account keeps its own copy)"
                        + " or limit its consumers to services running only in account " + arnAccount);
            }
        }
        return problems;
    }

    /** The account of a secret named by ARN ({@code arn:aws:secretsmanager:<region>:<account>:secret:…}). */
    static String secretArnAccount(String secretId) {
        if (secretId == null || !secretId.startsWith("arn:")) return null;
        var parts = secretId.split(":");
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : null;
    }
}
