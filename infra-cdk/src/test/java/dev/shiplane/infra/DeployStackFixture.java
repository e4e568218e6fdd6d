package dev.shiplane.infra;

import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** A bare stack holding {@link DeliveryCore} and {@link ImagePushDeploy}, with props a test may adjust. */
final class DeployStackFixture {

    static final List<EcsServiceRef> SERVICES = List.of(
            new EcsServiceRef("staging-cluster", "web"),
            new EcsServiceRef("staging-cluster", "api-service"),
            new EcsServiceRef("prod-cluster", "web"));
    static final List<String> ECR_REPOSITORIES = List.of("team/api", "team/web");
    static final List<String> TASK_ROLES = List.of("web-exec", "web-task", "api-exec");

    private DeployStackFixture() {}

    static Template synth(UnaryOperator<ImagePushDeployProps.Builder> adjust) {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        new ImagePushDeploy(stack, "Deploy", adjust.apply(ImagePushDeployProps.builder()
                        .code(deployCode())
                        .core(core)
                        .ecsServices(SERVICES)
                        .taskRoles(TASK_ROLES)
                        .ecrRepositories(ECR_REPOSITORIES))
                .build());
        return Template.fromStack(stack);
    }

    static Template synth() {
        return synth(UnaryOperator.identity());
    }

    /** The real jar, as the app uses it: the reactor builds functions/deploy before this module. */
    static Code deployCode() {
        return Code.fromAsset(RepositoryLayout.locate().deployPackage().toString());
    }

    static Code canaryCode() {
        return Code.fromAsset(RepositoryLayout.locate().canaryPackage().toString());
    }

    static Code rollbackCode() {
        return Code.fromAsset(RepositoryLayout.locate().rollbackPackage().toString());
    }
}
