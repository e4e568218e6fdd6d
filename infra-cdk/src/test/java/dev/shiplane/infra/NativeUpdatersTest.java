package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In the repository's app (web on ECS's engine), every function that updates a native service names the hooks
 * function and may pass its invoke role: the deploy function (deployments, settings changes) and the rollback function
 * (rollbacks to the last known-good revision go through the same hooks).
 */
class NativeUpdatersTest {

    @Test
    void deployAndRollbackFunctions_nameTheHook_andMayPassItsRole() {
        var delivery = SynthesizedApp.get().template(ShiplaneDeliveryStack.STACK_NAME);
        for (var handler : java.util.List.of(ImagePushDeploy.HANDLER, AlarmRollback.HANDLER)) {
            var functions = delivery.findResources("AWS::Lambda::Function",
                    Map.of("Properties", Map.of("Handler", handler)));
            assertThat(functions).as(handler).hasSize(1);
            var function = functions.values().iterator().next().toString();
            assertThat(function).as(handler).contains(DeliveryEnvironment.HOOKS_FUNCTION_ARN,
                    DeliveryEnvironment.HOOKS_ROLE_ARN);
        }
        var passRoles = delivery.findResources("AWS::IAM::Policy").values().stream().map(Object::toString)
                .filter(policy -> policy.contains("iam:PassRole") && policy.contains("ecs.amazonaws.com")
                        && policy.contains("InvokeRole"))
                .toList();
        assertThat(passRoles).hasSize(2);
    }
}
