package dev.shiplane.core.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a function's setting of its served environments means, read against the configuration it bundles. A
 * configuration that names accounts is deployed as one delivery stack per account, and each stack tells its functions
 * the environments of its own account: a function without that setting (or with one naming environments the file does
 * not declare, or environments of several accounts) is a broken deployment and fails closed, because acting for every
 * environment from one account would deploy, roll back and rotate the other accounts' environments from the wrong
 * account. A configuration without accounts is one stack serving every environment, as before accounts could be named.
 */
public sealed interface ServedEnvironmentsSetting {

    /**
     * The function acts for {@code served}.
     *
     * @param account the account of the served environments, where the function runs; {@code null} when the
     *                configuration names no accounts (one account)
     */
    record Serves(ServedEnvironments served, String account) implements ServedEnvironmentsSetting {}

    /** The deployment is broken: the function must not start. {@code why} names the setting and what is wrong. */
    record Broken(String why) implements ServedEnvironmentsSetting {}

    /**
     * @param config   the configuration the function bundles, as read from the file
     * @param variable the setting's name, for the message ({@code SHIPLANE_SERVED_ENVIRONMENTS})
     * @param value    its value: comma-separated environment names; {@code null} when absent
     */
    static ServedEnvironmentsSetting read(ShiplaneConfig config, String variable, String value) {
        var served = ServedEnvironments.parse(value);
        boolean unset = served.names() == null || served.names().isEmpty();
        if (unset) {
            return config.namesAccounts()
                    ? new Broken(variable + " is not set: shiplane.yml names each environment's account ("
                            + accounts(config.environments()) + "), so each account's delivery stack tells"
                            + " its functions the environments it serves; without it this function would act for"
                            + " every environment from one account")
                    : new Serves(ServedEnvironments.all(), null);
        }
        var declared = config.environments().stream().map(EnvironmentSpec::name).toList();
        var unknown = served.names().stream().filter(n -> !declared.contains(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            return new Broken(variable + " names " + String.join(", ", unknown) + ", which shiplane.yml does not"
                    + " declare (it declares " + String.join(", ", declared) + ")");
        }
        var servedSpecs = config.environments().stream().filter(e -> served.serves(e.name())).toList();
        var servedAccounts = servedSpecs.stream().map(EnvironmentSpec::account)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (config.namesAccounts() && servedAccounts.size() > 1) {
            return new Broken(variable + " names environments of several accounts (" + accounts(servedSpecs)
                    + "): a delivery stack serves the environments of its own account only");
        }
        return new Serves(served, servedAccounts.iterator().next());
    }

    private static String accounts(List<EnvironmentSpec> environments) {
        return environments.stream().map(e -> e.name() + " in " + e.account()).collect(Collectors.joining(", "));
    }
}
