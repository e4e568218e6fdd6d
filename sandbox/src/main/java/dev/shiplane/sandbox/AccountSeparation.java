package dev.shiplane.sandbox;

import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Each environment lives in its own account only, read from the emulator with each account's own credentials: its
 * ECS cluster exists there and nowhere else, and the ledger heads shiplane wrote for it are in that account's ledger
 * and in no other account's.
 */
final class AccountSeparation {

    /** @param apart one line per environment found in its account only; {@code leaks} what was found elsewhere */
    record Report(List<String> apart, List<String> leaks) {}

    private AccountSeparation() {}

    static Report check(ShiplaneConfig config, Accounts accounts, List<AccountWorld> worlds) {
        List<String> apart = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (var env : config.environments()) {
            var home = accounts.ofEnvironment(env.name());
            var before = leaks.size();
            int heads = 0;
            for (var w : worlds) {
                var cluster = w.aws().ecs().describeClusters(r -> r.clusters(env.cluster())).clusters().stream()
                        .anyMatch(c -> "ACTIVE".equals(c.status()));
                var ledger = new DynamoDbLedger(w.aws().dynamo(), w.template().ledgerTableName());
                var written = config.targetsIn(env.name()).stream()
                        .filter(t -> ledger.serviceState(t.env(), t.serviceName()).version() > 0).count();
                if (w.account().equals(home)) {
                    if (!cluster) leaks.add(env.name() + ": no cluster " + env.cluster() + " in its account " + home);
                    heads += (int) written;
                } else {
                    if (cluster) leaks.add(env.name() + ": cluster " + env.cluster() + " in account " + w.account());
                    if (written > 0) {
                        leaks.add(env.name() + ": " + written + " ledger head(s) in account " + w.account());
                    }
                }
            }
            if (leaks.size() == before) {
                apart.add(env.name() + " in " + home + " only (cluster " + env.cluster() + ", " + heads
                        + " ledger head(s))");
            }
        }
        return new Report(apart, leaks);
    }
}
