package dev.shiplane.core.fakes;

import dev.shiplane.core.ecsengine.ServiceDeployments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ECS's service deployments in memory: which one runs per service, and every answer and stop, in order. */
public final class FakeServiceDeployments implements ServiceDeployments {

    private final Map<String, String> running = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    public FakeServiceDeployments running(String cluster, String service, String serviceDeploymentArn) {
        running.put(cluster + "/" + service, serviceDeploymentArn);
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
        calls.add((carryOn ? "continue " : "rollback ") + serviceDeploymentArn + " " + hookId);
    }

    @Override
    public void stopAndRollBack(String serviceDeploymentArn) {
        calls.add("stop " + serviceDeploymentArn);
    }
}
