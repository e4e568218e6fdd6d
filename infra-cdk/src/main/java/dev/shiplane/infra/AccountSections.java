package dev.shiplane.infra;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;

/**
 * The accounts {@code shiplane.yml} names ({@code environments.<env>.account}, {@code services.<svc>.ecrAccount}),
 * bound by the contract module's reader. The functions' loader reads and checks the same keys; the CDK app reads
 * them here, beside the other sections only it places ({@link PlatformSections}), to lay the stacks out per account.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AccountSections(LinkedHashMap<String, EnvironmentAccount> environments,
                       LinkedHashMap<String, ServiceAccount> services) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EnvironmentAccount(String account) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServiceAccount(String ecrAccount) {}

    /** The accounts as written, environments and services in file order; absent ones left out. */
    AccountLayout layout() {
        var environmentAccounts = new LinkedHashMap<String, String>();
        var environmentNames = new java.util.ArrayList<String>();
        if (environments != null) {
            environments.forEach((env, section) -> {
                environmentNames.add(env);
                if (section != null && section.account() != null) environmentAccounts.put(env, section.account());
            });
        }
        var ecrAccounts = new LinkedHashMap<String, String>();
        if (services != null) {
            services.forEach((svc, section) -> {
                if (section != null && section.ecrAccount() != null) ecrAccounts.put(svc, section.ecrAccount());
            });
        }
        return new AccountLayout(environmentNames, environmentAccounts, ecrAccounts);
    }
}
