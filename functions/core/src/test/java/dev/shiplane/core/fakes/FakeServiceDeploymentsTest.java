package dev.shiplane.core.fakes;

import dev.shiplane.core.ecsengine.ServiceDeployments;
import java.util.List;

class FakeServiceDeploymentsTest extends ServiceDeploymentsContract {

    private final FakeServiceDeployments deployments = new FakeServiceDeployments();
    private int started;

    @Override
    protected ServiceDeployments deployments() {
        return deployments;
    }

    @Override
    protected void givenService(String cluster, String service) {
        // the fake needs no service to exist: it answers "none under way" for any
    }

    @Override
    protected String givenDeploymentStarted(String cluster, String service) {
        var arn = "arn:aws:ecs:us-east-1:123456789012:service-deployment/" + cluster + "/" + service + "/sd" + (++started);
        deployments.running(cluster, service, arn);
        return arn;
    }

    @Override
    protected void givenHookAwaiting(String serviceDeploymentArn, String hookId) {
        deployments.awaiting(serviceDeploymentArn, hookId);
    }

    @Override
    protected List<String> requests() {
        return deployments.calls();
    }
}
