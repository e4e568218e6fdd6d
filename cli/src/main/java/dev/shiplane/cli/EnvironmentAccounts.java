package dev.shiplane.cli;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where environments live in separate AWS accounts, each one's ledger and bus are in its account: a command for an
 * environment is refused when the caller's credentials are for another account, rather than reading an empty ledger
 * or putting a request on a bus nobody serves for that environment.
 */
final class EnvironmentAccounts {

    private EnvironmentAccounts() {}

    /**
     * @param callerAccount the account of the caller's credentials (STS GetCallerIdentity), asked only when the
     *                      configuration names accounts
     */
    static void requireCallerIn(ShiplaneConfig config, String env, Supplier<String> callerAccount) {
        var account = config.environment(env).map(EnvironmentSpec::account).orElse(null);
        if (account == null) return;
        var caller = callerAccount.get();
        if (!account.equals(caller)) {
            throw new WrongAccountException(env + " is in account " + account + "; these credentials are for "
                    + caller + " (use credentials of " + account + ", e.g. AWS_PROFILE)");
        }
    }

    /**
     * The environments a command about all of them reads with these credentials: where the configuration names
     * accounts, those of the caller's account (another account's ledger is not readable from here); else all.
     */
    static List<EnvironmentSpec> readableHere(ShiplaneConfig config, Supplier<String> callerAccount) {
        if (!config.namesAccounts()) return config.environments();
        var caller = callerAccount.get();
        return config.environments().stream().filter(e -> caller.equals(e.account())).toList();
    }

    /** The environments of other accounts than the caller's, as {@code prod (account 210987654321)}. */
    static List<String> elsewhere(ShiplaneConfig config, Supplier<String> callerAccount) {
        if (!config.namesAccounts()) return List.of();
        var caller = callerAccount.get();
        return config.environments().stream().filter(e -> !caller.equals(e.account()))
                .map(e -> e.name() + " (account " + e.account() + ")").toList();
    }
}
