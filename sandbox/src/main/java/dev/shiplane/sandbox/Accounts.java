package dev.shiplane.sandbox;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.infra.ShiplaneApp;
import dev.shiplane.testkit.AwsEmulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which account each environment of the story runs in: the account shiplane.yml names for it, or moto's default
 * account when it names none. The first environment's account is the primary one (its delivery stack keeps the id
 * {@code ShiplaneDelivery}; the story's ECR repositories live there).
 */
final class Accounts {

    private final Map<String, String> byEnvironment;
    private final List<String> accounts;

    private Accounts(Map<String, String> byEnvironment) {
        this.byEnvironment = Map.copyOf(byEnvironment);
        this.accounts = byEnvironment.values().stream().distinct().toList();
    }

    static Accounts of(ShiplaneConfig config) {
        var byEnvironment = new LinkedHashMap<String, String>();
        config.environments().forEach(env -> byEnvironment.put(env.name(), accountOf(env)));
        if (byEnvironment.isEmpty()) byEnvironment.put("", AwsEmulator.ACCOUNT);
        return new Accounts(byEnvironment);
    }

    private static String accountOf(EnvironmentSpec env) {
        return env.account() == null ? AwsEmulator.ACCOUNT : env.account();
    }

    /** The first environment's account. */
    String primary() {
        return accounts.getFirst();
    }

    /** Every account, the primary first. */
    List<String> all() {
        return accounts;
    }

    /** The accounts other than the primary one. */
    List<String> others() {
        return accounts.subList(1, accounts.size());
    }

    /** The account {@code env} runs in; the primary account for a name the configuration does not know. */
    String ofEnvironment(String env) {
        return byEnvironment.getOrDefault(env, primary());
    }

    /** The environments running in {@code account}. */
    Predicate<String> environmentsIn(String account) {
        return env -> account.equals(byEnvironment.get(env));
    }

    /** The environments running in {@code account}, in configuration order. */
    List<String> environmentNamesIn(String account) {
        List<String> names = new ArrayList<>();
        byEnvironment.forEach((env, a) -> {
            if (a.equals(account) && !env.isEmpty()) names.add(env);
        });
        return names;
    }

    /** The template of {@code account}'s delivery stack, as the CDK app writes it. */
    String templateFile(String account) {
        return account.equals(primary()) ? ShiplaneApp.TEMPLATE_FILE : "ShiplaneDelivery-" + account + ".template.json";
    }

    /**
     * The account a CLI run acts in: that of the first argument naming an environment (the one the command is about),
     * else the primary account.
     */
    String ofCommand(List<String> args) {
        return args.stream().filter(byEnvironment::containsKey).filter(a -> !a.isEmpty()).findFirst()
                .map(byEnvironment::get).orElse(primary());
    }

    /** The account named by an event's {@code account}, when it is one of the story's. */
    Optional<String> known(String account) {
        return accounts.contains(account) ? Optional.of(account) : Optional.empty();
    }
}
