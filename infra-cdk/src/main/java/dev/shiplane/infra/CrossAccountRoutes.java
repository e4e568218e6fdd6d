package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What crosses accounts to and from one account's delivery stack, read off {@code shiplane.yml}: the promotions it
 * clears for environments in other accounts, the promotions other accounts clear for its environments, who pulls the
 * images of its repositories, and the ECR events that cross — each only where a delivery stack acts on it (see
 * {@link EcrEvents#needed}). Every map is keyed by the other account, sorted; every list sorted. In one account all
 * are empty.
 *
 * @param promotionsOut other account → its environments whose {@code promoteFrom} is one of this account's:
 *                      {@code Promotion Cleared} events for them go to that account's bus
 * @param promotionsIn  accounts whose environments some environment of this account promotes from: their
 *                      {@code Promotion Cleared} events arrive on this account's bus
 * @param pullsOut      other account → repositories held here whose services it deploys, directly or by promotion:
 *                      the repository policy lets it pull and describe their images
 * @param ecrEventsOut  other account → the ECR events of repositories held here that it acts on: they go to that
 *                      account's bus
 * @param ecrEventsIn   registry account → the ECR events of repositories held there that this account acts on: they
 *                      arrive on this account's bus
 */
record CrossAccountRoutes(Map<String, List<String>> promotionsOut, List<String> promotionsIn,
                          Map<String, List<String>> pullsOut, Map<String, EcrEvents> ecrEventsOut,
                          Map<String, EcrEvents> ecrEventsIn) {

    static final CrossAccountRoutes NONE = new CrossAccountRoutes(Map.of(), List.of(), Map.of(), Map.of(), Map.of());

    CrossAccountRoutes {
        promotionsOut = copy(promotionsOut);
        promotionsIn = List.copyOf(new TreeSet<>(promotionsIn));
        pullsOut = copy(pullsOut);
        ecrEventsOut = java.util.Collections.unmodifiableMap(new TreeMap<>(ecrEventsOut));
        ecrEventsIn = java.util.Collections.unmodifiableMap(new TreeMap<>(ecrEventsIn));
    }

    /**
     * Which ECR events of some repositories one account's delivery stack acts on.
     *
     * @param pushes repositories whose pushes ({@code ECR Image Action}, a successful {@code PUSH}) it deploys: a
     *               service one of its environments takes directly (no {@code promoteFrom}). An environment that
     *               takes the service by promotion deploys the digest its source cleared, never a push
     * @param scans  repositories whose scan results ({@code ECR Image Scan}, Amazon Inspector's {@code Inspector2
     *               Scan}) its scan gates wait for: a service one of its environments with a {@code scanGate} takes,
     *               directly or by promotion
     */
    record EcrEvents(List<String> pushes, List<String> scans) {

        EcrEvents {
            pushes = List.copyOf(new TreeSet<>(pushes));
            scans = List.copyOf(new TreeSet<>(scans));
        }

        /**
         * What the environments {@code environments} (one account's) act on of {@code service}'s repositories
         * {@code repositories}: its pushes where one of them takes the service directly, its scans where one of them
         * that takes it has a scan gate.
         */
        static EcrEvents needed(ServiceSpec service, List<EnvironmentSpec> environments, List<String> repositories) {
            var taking = environments.stream().filter(e -> service.environments().contains(e.name())).toList();
            var direct = taking.stream().anyMatch(e -> !e.promoted());
            var gated = taking.stream().anyMatch(e -> e.scanGate() != null);
            return new EcrEvents(direct ? repositories : List.of(), gated ? repositories : List.of());
        }

        EcrEvents plus(EcrEvents other) {
            var p = new ArrayList<>(pushes);
            p.addAll(other.pushes);
            var s = new ArrayList<>(scans);
            s.addAll(other.scans);
            return new EcrEvents(p, s);
        }

        boolean isEmpty() {
            return pushes.isEmpty() && scans.isEmpty();
        }

        /**
         * The kinds of these events a delivery stack acts on, each with its repositories, in {@link Kind} order:
         * pushes where {@link #pushes} are, ECR's and Inspector's scans where {@link #scans} are. The sending
         * account's forwarding rules, the receiving bus's policy and its rules all read this, so they cannot drift.
         */
        Map<Kind, List<String>> byKind() {
            var kinds = new java.util.EnumMap<Kind, List<String>>(Kind.class);
            if (!pushes.isEmpty()) kinds.put(Kind.PUSH, pushes);
            if (!scans.isEmpty()) {
                kinds.put(Kind.SCAN, scans);
                kinds.put(Kind.INSPECTOR_SCAN, scans);
            }
            return java.util.Collections.unmodifiableMap(kinds);
        }

        /**
         * An AWS service's event that crosses accounts: the {@code source} and {@code detail-type} a bus policy
         * admits, the pattern rules on both sides match it by, and the ids and descriptions of those rules ({@code
         * %s}: the other account).
         */
        enum Kind {
            /** ECR's push (and delete) event: forwarded, as a successful push, where a service is taken directly. */
            PUSH("aws.ecr", "ECR Image Action", DeployEventPatterns::ecrPush,
                    "EcrPushes", "shiplane: pushes to repositories whose services account %s takes directly",
                    "ForwardedEcrPushRule", "shiplane: a push to a repository of account %s, forwarded from there"),
            /** ECR's basic-scanning result: forwarded where a scan gate waits for it. */
            SCAN("aws.ecr", "ECR Image Scan", DeployEventPatterns::ecrImageScan,
                    "EcrScans", "shiplane: scan results of images account %s's scan gates wait for",
                    "ForwardedEcrImageScanRule",
                    "shiplane: a scan result in account %s, forwarded from there (scan gate)"),
            /** Amazon Inspector's first scan of an image (enhanced scanning): forwarded where a scan gate waits. */
            INSPECTOR_SCAN("aws.inspector2", "Inspector2 Scan", DeployEventPatterns::inspectorInitialScan,
                    "InspectorScan", "shiplane: Inspector's first scans of images account %s's scan gates wait for",
                    "ForwardedInspectorScanRule",
                    "shiplane: Inspector's first scan in account %s, forwarded from there (scan gate)");

            final String source;
            final String detailType;
            private final java.util.function.Function<List<String>, software.amazon.awscdk.services.events.EventPattern>
                    pattern;
            private final String forwardRule;
            private final String forwardDescription;
            private final String receiveRule;
            private final String receiveDescription;

            Kind(String source, String detailType,
                 java.util.function.Function<List<String>, software.amazon.awscdk.services.events.EventPattern> pattern,
                 String forwardRule, String forwardDescription, String receiveRule, String receiveDescription) {
                this.source = source;
                this.detailType = detailType;
                this.pattern = pattern;
                this.forwardRule = forwardRule;
                this.forwardDescription = forwardDescription;
                this.receiveRule = receiveRule;
                this.receiveDescription = receiveDescription;
            }

            /** This kind's events about {@code repositories} (on the bus the AWS service or a forward puts them). */
            software.amazon.awscdk.services.events.EventPattern pattern(List<String> repositories) {
                return pattern.apply(repositories);
            }

            /** The id of the rule, in the registry's account, forwarding these events to {@code account}. */
            String forwardRuleId(String account) {
                return forwardRule + "-" + account;
            }

            String forwardDescription(String account) {
                return forwardDescription.formatted(account);
            }

            /** The id of the rule, in the deploying account, taking these events forwarded from {@code registry}. */
            String receiveRuleId(String registry) {
                return receiveRule + "-" + registry;
            }

            String receiveDescription(String registry) {
                return receiveDescription.formatted(registry);
            }
        }
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
        var pullsOut = new TreeMap<String, List<String>>();
        var ecrEventsOut = new TreeMap<String, EcrEvents>();
        var ecrEventsIn = new TreeMap<String, EcrEvents>();
        for (ServiceSpec service : config.services()) {
            var registry = accounts.registryOf(service.name());
            var repositories = service.repositories().stream()
                    .filter(r -> !r.startsWith(DeploymentScope.GHCR_PREFIX)).toList();
            if (repositories.isEmpty()) continue;
            var deployingAccounts = new LinkedHashSet<String>();
            service.environments().forEach(env -> deployingAccounts.add(accounts.accountOf(env).orElseThrow()));
            for (var deploying : deployingAccounts) {
                if (deploying.equals(registry)) continue;
                var events = EcrEvents.needed(service, environmentsIn(config, accounts, deploying), repositories);
                if (registry.equals(account)) {
                    pullsOut.computeIfAbsent(deploying, k -> new ArrayList<>()).addAll(repositories);
                    if (!events.isEmpty()) ecrEventsOut.merge(deploying, events, EcrEvents::plus);
                }
                if (deploying.equals(account) && !events.isEmpty()) ecrEventsIn.merge(registry, events, EcrEvents::plus);
            }
        }
        return new CrossAccountRoutes(promotionsOut, List.copyOf(promotionsIn), pullsOut, ecrEventsOut, ecrEventsIn);
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

    /** Whether this account forwards anything to another one (then it has a {@link CrossAccountForwarding}). */
    boolean forwardsAnything() {
        return !promotionsOut.isEmpty() || !ecrEventsOut.isEmpty();
    }

    private static List<EnvironmentSpec> environmentsIn(ShiplaneConfig config, AccountLayout accounts, String account) {
        var names = accounts.environmentsIn(account);
        return config.environments().stream().filter(e -> names.contains(e.name())).toList();
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> byAccount) {
        var sorted = new TreeMap<String, List<String>>();
        byAccount.forEach((account, names) -> sorted.put(account, List.copyOf(new TreeSet<>(names))));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
