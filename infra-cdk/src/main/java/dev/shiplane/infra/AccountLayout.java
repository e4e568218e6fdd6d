package dev.shiplane.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which AWS account each environment of {@code shiplane.yml} runs in, and which account holds each service's ECR
 * repositories. Either no environment names an account (one delivery stack, deployed wherever it is deployed) or
 * every one does; then one delivery stack per distinct account, the <em>primary</em> account (the first
 * environment's) keeping the stack id {@value ShiplaneDeliveryStack#STACK_NAME}.
 *
 * @param environments        every environment's name, in config order
 * @param environmentAccounts each environment's account, as written; empty when none is named
 * @param ecrAccounts         the account holding a service's ECR repositories, for the services that name one
 */
public record AccountLayout(List<String> environments, Map<String, String> environmentAccounts,
                     Map<String, String> ecrAccounts) {

    public static final AccountLayout NONE = new AccountLayout(List.of(), Map.of(), Map.of());
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public AccountLayout {
        environments = List.copyOf(environments);
        environmentAccounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environmentAccounts));
        ecrAccounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ecrAccounts));
    }

    /** Every environment in one account given as the same value: for a test or a config built in code. */
    public static AccountLayout of(Map<String, String> environmentAccounts, Map<String, String> ecrAccounts) {
        return new AccountLayout(List.copyOf(environmentAccounts.keySet()), environmentAccounts, ecrAccounts);
    }

    /** Whether the config names accounts at all: otherwise today's single, account-agnostic delivery stack. */
    public boolean named() {
        return !environmentAccounts.isEmpty();
    }

    /** The first environment's account: its delivery stack keeps the id {@value ShiplaneDeliveryStack#STACK_NAME}. */
    public String primary() {
        return environmentAccounts.get(environments.getFirst());
    }

    /** The distinct accounts, the primary first, then in the order their first environment appears. */
    public List<String> accounts() {
        return List.copyOf(new LinkedHashSet<>(environments.stream().map(environmentAccounts::get).toList()));
    }

    /** The environments of {@code account}, in config order. */
    public List<String> environmentsIn(String account) {
        return environments.stream().filter(e -> account.equals(environmentAccounts.get(e))).toList();
    }

    public Optional<String> accountOf(String environment) {
        return Optional.ofNullable(environmentAccounts.get(environment));
    }

    /** The account holding {@code service}'s ECR repositories: its {@code ecrAccount}, else the primary one. */
    public String registryOf(String service) {
        return ecrAccounts.getOrDefault(service, primary());
    }

    /**
     * What is wrong with the accounts as written, each naming its key: an account that is not 12 digits, some
     * environments with an account and others without, an {@code ecrAccount} while no environment names one.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        environmentAccounts.forEach((env, account) -> {
            if (!ACCOUNT_ID.matcher(account).matches()) {
                problems.add("environments." + env + ".account: '" + account + "' is not a 12-digit AWS account id"
                        + " (quote it: \"210987654321\")");
            }
        });
        ecrAccounts.forEach((svc, account) -> {
            if (!ACCOUNT_ID.matcher(account).matches()) {
                problems.add("services." + svc + ".ecrAccount: '" + account + "' is not a 12-digit AWS account id");
            }
        });
        if (named()) {
            var without = environments.stream().filter(e -> !environmentAccounts.containsKey(e)).toList();
            if (!without.isEmpty()) {
                problems.add("environments " + without + " name no account while " + environmentAccounts.keySet()
                        + " do: name the account of every environment, or of none");
            }
        } else {
            ecrAccounts.keySet().forEach(svc -> problems.add("services." + svc + ".ecrAccount: no environment names"
                    + " its account; name every environment's account to place repositories in another one"));
        }
        return problems;
    }
}
