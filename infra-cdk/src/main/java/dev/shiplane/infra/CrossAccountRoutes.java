package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What crosses accounts to and from one account's delivery stack, read off {@code shiplane.yml}: the promotions it
 * clears for environments in other accounts, the promotions other accounts clear for its environments, the ECR
 * events of its repositories other accounts deploy from, and the ECR events it needs from repositories held
 * elsewhere. Every map is keyed by the other account, sorted; every list sorted. In one account all are empty.
 *
 * @param promotionsOut  other account → its environments whose {@code promoteFrom} is one of this account's:
 *                       {@code Promotion Cleared} events for them go to that account's bus
 * @param promotionsIn   accounts whose environments some environment of this account promotes from: their
 *                       {@code Promotion Cleared} events arrive on this account's bus
 * @param ecrEventsOut   other account → repositories held here whose services it deploys: their ECR events go to
 *                       that account's bus
 * @param ecrEventsIn    registry account → repositories held there whose services deploy here: their ECR events
 *                       arrive on this account's bus
 */
record CrossAccountRoutes(Map<String, List<String>> promotionsOut, List<String> promotionsIn,
                          Map<String, List<String>> ecrEventsOut, Map<String, List<String>> ecrEventsIn) {

    static final CrossAccountRoutes NONE = new CrossAccountRoutes(Map.of(), List.of(), Map.of(), Map.of());

    CrossAccountRoutes {
        promotionsOut = copy(promotionsOut);
        promotionsIn = List.copyOf(promotionsIn);
        ecrEventsOut = copy(ecrEventsOut);
        ecrEventsIn = copy(ecrEventsIn);
    }

    /** What crosses to and from {@code account}, which holds environments or repositories of {@code infra}. */
    static CrossAccountRoutes of(InfraConfig infra, String account) {
        var accounts = infra.accounts();
        if (!accounts.named()) return NONE;
        var config = infra.shiplane();
        var promotionsOut = new TreeMap<String, List<String>>();
        var promotionsIn = new TreeSet<String>();
        for (EnvironmentSpec target : config.environments()) {
            if (!target.promoted()) continue;
            var from = accounts.accountOf(target.promoteFrom()).orElseThrow();
            var to = accounts.accountOf(target.name()).orElseThrow();
            if (from.equals(to)) continue;
            if (from.equals(account)) promotionsOut.computeIfAbsent(to, k -> new ArrayList<>()).add(target.name());
            if (to.equals(account)) promotionsIn.add(from);
        }
        var ecrEventsOut = new TreeMap<String, List<String>>();
        var ecrEventsIn = new TreeMap<String, List<String>>();
        for (ServiceSpec service : config.services()) {
            var registry = accounts.registryOf(service.name());
            var repositories = service.repositories().stream()
                    .filter(r -> !r.startsWith(DeploymentScope.GHCR_PREFIX)).toList();
            if (repositories.isEmpty()) continue;
            var deployingAccounts = new LinkedHashSet<String>();
            service.environments().forEach(env -> deployingAccounts.add(accounts.accountOf(env).orElseThrow()));
            for (var deploying : deployingAccounts) {
                if (deploying.equals(registry)) continue;
                if (registry.equals(account)) {
                    ecrEventsOut.computeIfAbsent(deploying, k -> new ArrayList<>()).addAll(repositories);
                }
                if (deploying.equals(account)) {
                    ecrEventsIn.computeIfAbsent(registry, k -> new ArrayList<>()).addAll(repositories);
                }
            }
        }
        return new CrossAccountRoutes(promotionsOut, List.copyOf(promotionsIn), ecrEventsOut, ecrEventsIn);
    }

    /** Accounts that hold repositories of {@code infra} but no environment: no delivery stack of their own. */
    static List<String> registryOnlyAccounts(InfraConfig infra) {
        var accounts = infra.accounts();
        if (!accounts.named()) return List.of();
        var withEnvironments = accounts.accounts();
        return infra.shiplane().services().stream()
                .filter(s -> s.repositories().stream().anyMatch(r -> !r.startsWith(DeploymentScope.GHCR_PREFIX)))
                .map(s -> accounts.registryOf(s.name()))
                .filter(a -> !withEnvironments.contains(a))
                .distinct().sorted().toList();
    }

    boolean isEmpty() {
        return promotionsOut.isEmpty() && promotionsIn.isEmpty() && ecrEventsOut.isEmpty() && ecrEventsIn.isEmpty();
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> byAccount) {
        var sorted = new TreeMap<String, List<String>>();
        byAccount.forEach((account, names) -> sorted.put(account, List.copyOf(new TreeSet<>(names))));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
