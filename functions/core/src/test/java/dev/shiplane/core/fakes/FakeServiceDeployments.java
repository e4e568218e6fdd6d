package dev.shiplane.core.fakes;

import dev.shiplane.core.ecsengine.ServiceDeployments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ECS's service deployments in memory: which one runs per service, which pause hooks await an answer, and every
 * answer and stop, in order. Like ECS, it refuses to answer a hook that is not waiting and to stop a deployment that
 * is not running.
 */
public final class FakeServiceDeployments implements ServiceDeployments {

    private final Map<String, String> running = new HashMap<>();
    private final Set<String> awaitingHooks = new HashSet<>();
    private final List<String> calls = new ArrayList<>();

    /** {@code serviceDeploymentArn} is the service's deployment under way (a newer one replaces an older one). */
    public FakeServiceDeployments running(String cluster, String service, String serviceDeploymentArn) {
        running.put(cluster + "/" + service, serviceDeploymentArn);
        return this;
    }

    /** The deployment paused at {@code hookId} and waits for an answer. */
    public FakeServiceDeployments awaiting(String serviceDeploymentArn, String hookId) {
        awaitingHooks.add(serviceDeploymentArn + " " + hookId);
        return this;
    }

    /** {@code continue <arn> <hookId>}, {@code rollback <arn> <hookId>} or {@code stop <arn>}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public Optional<String> inProgress(String cluster, String ecsService) {
        return Optional.ofNullable(running.get(cluster + "/" + ecsService));
    }

    @Override
    public void answer(String serviceDeploymentArn, String hookId, boolean carryOn) {
        if (!awaitingHooks.remove(serviceDeploymentArn + " " + hookId)) {
            throw new IllegalStateException("Hook " + hookId + " of " + serviceDeploymentArn + " is not awaiting action.");
        }
        calls.add((carryOn ? "continue " : "rollback ") + serviceDeploymentArn + " " + hookId);
    }

    @Override
    public void stopAndRollBack(String serviceDeploymentArn) {
        if (!running.values().remove(serviceDeploymentArn)) {
            throw new IllegalStateException("Service deployment " + serviceDeploymentArn + " is not running.");
        }
        awaitingHooks.removeIf(hook -> hook.startsWith(serviceDeploymentArn + " "));
        calls.add("stop " + serviceDeploymentArn);
    }
}
