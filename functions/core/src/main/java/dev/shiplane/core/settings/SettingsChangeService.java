package dev.shiplane.core.settings;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.deploy.DeployService;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentId;
import dev.shiplane.core.ledger.DeploymentStatus;
import dev.shiplane.core.ledger.LeaseWrites;
import dev.shiplane.core.ledger.ServiceBusyException;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.rollout.ServiceRollouts;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.deploy.TaskDefinitions;
import dev.shiplane.core.rollout.RolloutExecutor;
import dev.shiplane.core.rollout.RolloutStarter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: the stack was created or updated ({@code CloudFormation Stack Status Change}). The stack points each ECS
 * service at a bootstrap revision that never changes and keeps the container settings in a family no service runs,
 * so an update undoes no deployment; here each service takes the newest settings with the image it runs now: one new
 * revision in its own family, rolled out like a deployment (on ECS's engine through its hooks; on the shiplane engine
 * onto the live colour, whose traffic stays where it is). A service already on the newest settings is left alone, so
 * the same event delivered twice, or an update that changed nothing of a service, deploys nothing.
 */
public final class SettingsChangeService {

    public static final String LABEL_SETTINGS = "shiplane.settings-revision";
    public static final String STRATEGY = "settings";

    private final ShiplaneConfig config;
    private final TaskDefinitions taskDefinitions;
    private final SettingsTaskDefinitions settings;
    private final RolloutStarter starter;
    private final RolloutExecutor executor;
    private final Ledger ledger;
    private final EventBus bus;
    private final Clock clock;
    private final Duration leaseTtl;
    private final ServiceRollouts services;

    public SettingsChangeService(ShiplaneConfig config, TaskDefinitions taskDefinitions,
                                 SettingsTaskDefinitions settings, RolloutStarter starter, RolloutExecutor executor,
                                 Ledger ledger, EventBus bus, Clock clock, Duration leaseTtl,
                                 ServiceRollouts services) {
        this.services = services;
        this.config = config;
        this.taskDefinitions = taskDefinitions;
        this.settings = settings;
        this.starter = starter;
        this.executor = executor;
        this.ledger = ledger;
        this.bus = bus;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    /**
     * Every service in every environment this stack serves; a busy one fails the event once the others are done, so it is delivered
     * again and only the busy ones (still on old settings) change then.
     */
    public List<SettingsChange> onStackUpdated(String eventId) {
        List<SettingsChange> changes = new ArrayList<>();
        for (var env : config.environments()) {
            // another account's environments are its own stack's to change (their clusters are not in this account)
            if (!config.served().serves(env.name())) continue;
            for (var service : config.services()) {
                if (service.environments().contains(env.name())) {
                    var target = new Target(env, service);
                    changes.add(apply(target, eventId));
                    if (service.twoColours()) changes.addAll(resize(target));
                }
            }
        }
        var busy = changes.stream().filter(c -> c instanceof SettingsChange.Busy).toList();
        if (!busy.isEmpty()) {
            throw new ServiceBusyException("retry later, services busy: " + busy);
        }
        return changes;
    }

    SettingsChange apply(Target target, String eventId) {
        var family = SettingsTaskDefinitions.familyOf(target.env(), target.serviceName());
        var latest = settings.latestRevision(family);
        if (latest.isEmpty()) return new SettingsChange.NoSettings(target.env(), target.serviceName(), family);
        var state = ledger.serviceState(target.env(), target.serviceName());
        var now = clock.instant();
        if (state.leased(now)) return new SettingsChange.Busy(target.env(), target.serviceName(), state.leaseOwner());
        Optional<Deployment> active = state.activeDeploymentId() == null ? Optional.empty()
                : ledger.deployment(target.env(), target.serviceName(), state.activeDeploymentId());
        var ecsService = starter.sourceServiceOf(target, state);
        var running = taskDefinitions.currentOf(target.cluster(), ecsService);
        if (latest.equals(settings.settingsRevisionOf(running))) {
            return new SettingsChange.Unchanged(target.env(), target.serviceName(), latest.get());
        }
        if (active.filter(d -> d.status() == DeploymentStatus.STARTED).isPresent()) {
            // An update now would replace the deployment under way (and its promotion): its end frees the service.
            return new SettingsChange.Busy(target.env(), target.serviceName(), active.get().deploymentId());
        }
        var imageUri = settings.imageOf(running, target.service().container());
        var deploymentId = DeploymentId.of(Deployment.SETTINGS_PREFIX + eventId, target.env(), target.serviceName());
        var pending = new Deployment(deploymentId, target.env(), target.serviceName(),
                Deployment.SETTINGS_PREFIX + eventId, imageOf(active, running, imageUri),
                DeploymentStatus.PENDING, null, running, null, null, now, now, now, "settings " + latest.get());
        var leased = state.leasedTo(deploymentId, now.plus(leaseTtl));
        LeaseWrites.take(ledger, leased, () -> ledger.commit(List.of(pending), leased, state.version()));
        Deployment started;
        try {
            var revision = settings.registerFromSettings(latest.get(), familyOf(running), target.service().container(),
                    imageUri, Map.of(LABEL_SETTINGS, latest.get(), DeployService.LABEL_DEPLOYMENT, deploymentId));
            var ecsId = executor.roll(target, ecsService, revision);
            started = pending.registered(running, revision, clock.instant()).rolling(ecsId, clock.instant());
            ledger.commit(List.of(started), leased.activated(deploymentId, ecsId).withBaseline(running, now),
                    leased.version());
        } catch (RuntimeException failure) {
            LeaseWrites.giveBack(ledger, leased, failure);
            throw failure;
        }
        bus.publish(new DeploymentStarted(target.env(), target.serviceName(), deploymentId, started.pushId(),
                started.image(), target.cluster(), ecsService, STRATEGY, running, started.toTaskDefinition(),
                started.updatedAt()));
        ledger.save(started.announcedNow());
        return new SettingsChange.Applied(target.env(), target.serviceName(), deploymentId, started.toTaskDefinition());
    }

    /** A two-colour service's colours sized as {@code platform.tasks} says (see {@link ColourSizing}). */
    List<SettingsChange> resize(Target target) {
        var configured = config.liveTaskCount(target.env(), target.serviceName());
        if (configured.isEmpty()) return List.of();
        var state = ledger.serviceState(target.env(), target.serviceName());
        var names = target.service().colours(target.environment());
        var live = state.liveColour() == Colour.BLUE ? names.blueService() : names.greenService();
        var idle = state.liveColour() == Colour.BLUE ? names.greenService() : names.blueService();
        var plan = ColourSizing.plan(configured.get(), live,
                services.desiredCount(target.cluster(), live), idle, services.desiredCount(target.cluster(), idle),
                state.rollout() != null || state.leased(clock.instant()));
        List<SettingsChange> resized = new ArrayList<>();
        for (var resize : plan) {
            services.scale(target.cluster(), resize.ecsService(), resize.to());
            resized.add(new SettingsChange.Resized(target.env(), target.serviceName(), resize.ecsService(),
                    resize.from(), resize.to()));
        }
        return resized;
    }

    /** The image as the ledger knows it when the running revision is shiplane's last deployment, else by its URI. */
    private static ImageRef imageOf(Optional<Deployment> active, String running, String imageUri) {
        return active.filter(d -> running.equals(d.toTaskDefinition())).map(Deployment::image)
                .orElseGet(() -> ImageRef.fromUri(imageUri));
    }

    /** {@code arn:…:task-definition/monynha-prod-web:7} → {@code monynha-prod-web}. */
    static String familyOf(String taskDefinitionArn) {
        var name = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        return name.substring(0, name.lastIndexOf(':'));
    }
}
