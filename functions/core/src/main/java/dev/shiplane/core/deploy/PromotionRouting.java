package dev.shiplane.core.deploy;

import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.PromotionCleared;
import java.util.Objects;
import java.util.Optional;

/**
 * Which delivery stack carries out a promotion. The source environment's stack checks the source side (its ledger,
 * its alarms); the target environment's stack deploys. One stack when both environments are served by it; across
 * accounts, {@code Promotion Cleared} travels from the source's stack to the target's, which trusts it only from the
 * source environment's account and only into an environment that promotes from that source.
 */
public final class PromotionRouting {

    private PromotionRouting() {}

    /** The source side: {@code Promotion Due} came due in {@code fromEnv}, whose stack this is. */
    public static PromotionRoute onDue(ShiplaneConfig config, ServedEnvironments served, String fromEnv,
                                       String toEnv, String service) {
        var target = bothRun(config, fromEnv, toEnv, service);
        if (target.isEmpty()) return notBoth(fromEnv, toEnv, service);
        if (served.serves(toEnv)) return new PromotionRoute.Here(target.get());
        var account = target.get().environment().account();
        if (account == null) {
            return new PromotionRoute.NotHere(toEnv + " is not served here and names no account to clear it for");
        }
        return new PromotionRoute.OtherAccount(account);
    }

    /**
     * The target side: {@code Promotion Cleared} arrived from {@code senderAccount} (the event's {@code account},
     * which EventBridge keeps on a forwarded event).
     */
    public static PromotionRoute onCleared(ShiplaneConfig config, ServedEnvironments served, PromotionCleared cleared,
                                           String senderAccount) {
        var target = bothRun(config, cleared.fromEnv(), cleared.toEnv(), cleared.service());
        if (target.isEmpty()) return notBoth(cleared.fromEnv(), cleared.toEnv(), cleared.service());
        var sourceAccount = config.environment(cleared.fromEnv()).orElseThrow().account();
        if (sourceAccount == null || !sourceAccount.equals(senderAccount)) {
            return new PromotionRoute.Refused("Promotion Cleared from account " + senderAccount + ", but "
                    + cleared.fromEnv() + " is " + (sourceAccount == null ? "in no named account"
                    : "in account " + sourceAccount));
        }
        if (!served.serves(cleared.toEnv())) {
            return new PromotionRoute.NotHere(served.notServed(cleared.toEnv()).orElseThrow());
        }
        var promoteFrom = target.get().environment().promoteFrom();
        if (!Objects.equals(promoteFrom, cleared.fromEnv())) {
            return new PromotionRoute.Refused(cleared.toEnv() + " takes promotions from "
                    + (promoteFrom == null ? "no environment" : promoteFrom) + ", not " + cleared.fromEnv());
        }
        return new PromotionRoute.Here(target.get());
    }

    private static Optional<Target> bothRun(ShiplaneConfig config, String fromEnv, String toEnv, String service) {
        return config.target(fromEnv, service).flatMap(source -> config.target(toEnv, service));
    }

    private static PromotionRoute notBoth(String fromEnv, String toEnv, String service) {
        return new PromotionRoute.NotHere(service + " does not run in both " + fromEnv + " and " + toEnv);
    }
}
