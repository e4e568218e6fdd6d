package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which AWS account each environment of {@code shiplane.yml} runs in, and which account holds each service's ECR
 * repositories, as the functions' loader read them ({@link EnvironmentSpec#account()}, {@link ServiceSpec#ecrAccount()};
 * it also refuses a layout that is not every environment's account or none, each twelve digits). With none named, one
 * delivery stack, deployed wherever it is deployed; with them, one delivery stack per distinct account, the
 * <em>primary</em> account (the first environment's) keeping the stack id {@value ShiplaneDeliveryStack#STACK_NAME}.
 *
 * @param environments        every environment's name, in config order
 * @param environmentAccounts each environment's account; empty when none is named
 * @param ecrAccounts         the account holding a service's ECR repositories, for the services that name one
 */
public record AccountLayout(List<String> environments, Map<String, String> environmentAccounts,
                            Map<String, String> ecrAccounts) {

    public static final AccountLayout NONE = new AccountLayout(List.of(), Map.of(), Map.of());

    public AccountLayout {
        environments = List.copyOf(environments);
        environmentAccounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environmentAccounts));
        ecrAccounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ecrAccounts));
    }

    /** The accounts {@code config} names; {@link #NONE} when it names none. */
    public static AccountLayout of(ShiplaneConfig config) {
        if (!config.namesAccounts()) return NONE;
        var environmentAccounts = new LinkedHashMap<String, String>();
        config.environments().forEach(e -> environmentAccounts.put(e.name(), e.account()));
        var ecrAccounts = new LinkedHashMap<String, String>();
        config.services().stream().filter(s -> s.ecrAccount() != null)
                .forEach(s -> ecrAccounts.put(s.name(), s.ecrAccount()));
        return new AccountLayout(config.environments().stream().map(EnvironmentSpec::name).toList(),
                environmentAccounts, ecrAccounts);
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
        return List.copyOf(new LinkedHashSet<>(environments.stream().map(environmentAccounts::get)
                .filter(java.util.Objects::nonNull).toList()));
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
}
