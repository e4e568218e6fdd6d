package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.freeze.FreezeVerdict;
import dev.shiplane.core.gate.ScanCheck;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.ledger.Ledger;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deploy decision's answers on the deploy path, each read once and only when the decision asks: a push an
 * environment takes only by promotion reads nothing, a duplicate asks neither the freezes nor the registry.
 */
final class AskedDeployFacts implements DeployFacts {

    private final Ledger ledger;
    private final Supplier<FreezeVerdict> freezeAsked;
    private final Supplier<ScanCheck> scanAsked;
    private final Target target;
    private final ImagePush push;
    private Optional<Deployment> existing;
    private ServiceState state;
    private FreezeVerdict freeze;
    private ScanCheck scan;

    AskedDeployFacts(Ledger ledger, Supplier<FreezeVerdict> freezeAsked, Supplier<ScanCheck> scanAsked, Target target,
                     ImagePush push) {
        this.ledger = ledger;
        this.freezeAsked = freezeAsked;
        this.scanAsked = scanAsked;
        this.target = target;
        this.push = push;
    }

    @Override
    public Optional<Deployment> existing() {
        if (existing == null) {
            existing = ledger.deployment(target.env(), target.serviceName(),
                    DeploymentId.of(push.pushId(), target.env(), target.serviceName()));
        }
        return existing;
    }

    @Override
    public ServiceState state() {
        if (state == null) state = ledger.serviceState(target.env(), target.serviceName());
        return state;
    }

    @Override
    public FreezeVerdict freeze() {
        if (freeze == null) freeze = freezeAsked.get();
        return freeze;
    }

    @Override
    public ScanCheck scan() {
        if (scan == null) scan = scanAsked.get();
        return scan;
    }
}
