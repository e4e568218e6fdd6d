package dev.shiplane.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environments one delivery stack acts for. Where environments live in separate AWS accounts, each account's
 * stack serves its own; an event or request for an environment served elsewhere is left to that stack, so nothing is
 * acted on twice. Every environment when the stack says nothing (one account); where the configuration names
 * accounts, a stack saying nothing is a broken deployment instead ({@link ServedEnvironmentsSetting}).
 *
 * @param names the served environments' names; {@code null}: every environment
 */
public record ServedEnvironments(Set<String> names) {

    public ServedEnvironments {
        names = names == null ? null : Set.copyOf(names);
    }

    /** One stack serving every environment. */
    public static ServedEnvironments all() {
        return new ServedEnvironments(null);
    }

    /**
     * From the comma-separated names a stack sets ({@code staging,qa}); absent or blank: every environment, as stacks
     * that predate separate accounts serve them all.
     */
    public static ServedEnvironments parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) return all();
        return new ServedEnvironments(Set.copyOf(Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).toList()));
    }

    public boolean serves(String env) {
        return names == null || names.contains(env);
    }

    /** Why an event or request for {@code env} is left alone here; empty when this stack serves {@code env}. */
    public Optional<String> notServed(String env) {
        if (env == null || serves(env)) return Optional.empty();
        return Optional.of(env + " is served by another account's delivery stack (this one serves "
                + String.join(", ", new TreeSet<>(names)) + ")");
    }

    /** The served ones among {@code targets}, in their order. */
    public List<Target> of(List<Target> targets) {
        return targets.stream().filter(t -> serves(t.env())).toList();
    }
}
