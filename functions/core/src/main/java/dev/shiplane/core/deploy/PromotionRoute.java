package dev.shiplane.core.deploy;

import dev.shiplane.core.config.Target;

/** Where a promotion is carried out, decided by {@link PromotionRouting}. */
public sealed interface PromotionRoute {

    /** This delivery stack serves the target environment: it deploys the image there. */
    record Here(Target target) implements PromotionRoute {}

    /** Another account's stack serves the target environment: {@code Promotion Cleared} goes to it. */
    record OtherAccount(String account) implements PromotionRoute {}

    /** The promotion is not this stack's to act on (a service that does not run in both, a target served elsewhere). */
    record NotHere(String why) implements PromotionRoute {}

    /** A {@code Promotion Cleared} this stack must not trust: it did not come from the source environment's account. */
    record Refused(String why) implements PromotionRoute {}
}
