package dev.shiplane.core.deploy;

import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Use case: an operator's {@code Deploy Requested}. The image is found in the ledger (an image this service or its
 * promotion source ran, which covers GHCR and rollback targets) or else in the registry, then deployed through
 * {@link DeployService} as a push made at the request's time, so lease, ledger, scan gate, tag policy and events
 * apply as for any push. It is an explicit deploy: it lifts the digest's quarantine here and is not refused because
 * the environment takes images by promotion.
 */
public final class ManualDeployService {

    /**
     * Recent deployments searched for the image. Only where the image is found is decided here (a deployment recorded a
     * moment ago and not yet in the eventually consistent history sends the search to the registry); whether and how it
     * deploys is DeployService's, on the strongly read head.
     */
    private static final int HISTORY_SEARCHED = 50;

    private final ShiplaneConfig config;
    private final ImageCatalog registry;
    private final Ledger ledger;
    private final DeployService deploys;
    private final EventBus bus;
    private final Clock clock;

    public ManualDeployService(ShiplaneConfig config, ImageCatalog registry, Ledger ledger, DeployService deploys,
                               EventBus bus, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.ledger = ledger;
        this.deploys = deploys;
        this.bus = bus;
        this.clock = clock;
    }

    public RequestedDeployOutcome deploy(DeployRequested request) {
        var target = config.target(request.env(), request.service());
        if (target.isEmpty()) {
            return new RequestedDeployOutcome.Ignored(request.service() + " does not run in " + request.env());
        }
        var t = target.get();
        var image = find(t, request);
        if (image.isEmpty()) {
            var what = request.tag() != null ? "tag '" + request.tag() + "'" : request.digest();
            bus.publish(new DeploymentSkipped(t.env(), t.serviceName(), null, "deploy:" + request.requestId(), null,
                    SkipReason.NOT_FOUND.code(), "no image " + what + " in " + String.join(", ", t.service().repositories())
                            + " (requested by " + request.requestedBy() + ")", clock.instant()));
            return new RequestedDeployOutcome.Skipped(SkipReason.NOT_FOUND);
        }
        liftQuarantine(t, image.get().digest());
        var push = image.get().asPush("deploy:" + request.requestId(), request.at());
        return new RequestedDeployOutcome.Deployed(deploys.promote(push, t), request.requestedBy());
    }

    private Optional<ImageRef> find(Target t, DeployRequested request) {
        var envs = Stream.of(t.env(), t.environment().promoteFrom()).filter(e -> e != null).toList();
        for (var env : envs) {
            var known = ledger.history(env, t.serviceName(), HISTORY_SEARCHED).stream().map(Deployment::image)
                    .filter(i -> matches(i, request)).findFirst();
            if (known.isPresent()) return known;
        }
        for (var repository : t.service().repositories()) {
            var found = registry.find(config.ecrAccountOf(t.service()), repository, request.tag(), request.digest());
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static boolean matches(ImageRef image, DeployRequested request) {
        return request.tag() != null ? request.tag().equals(image.tag()) : image.digest().equals(request.digest());
    }

    /** Its own versioned write: the deploy that follows reads the head afresh and finds the digest admitted. */
    private void liftQuarantine(Target t, String digest) {
        var state = ledger.serviceState(t.env(), t.serviceName());
        if (!state.quarantined().contains(digest)) return;
        if (state.leased(clock.instant())) {
            throw new ServiceBusyException(t.env() + "/" + t.serviceName() + " is being changed; retry the deploy");
        }
        ledger.commit(List.of(), state.withQuarantine(digest, false).nextUnleased(), state.version());
    }
}
