package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;

/** Bad props fail before synth writes anything, and the message names the value to fix. */
class ImagePushDeployPropsTest {

    static Stream<Arguments> badProps() {
        return Stream.of(
                row("no ECS services to deploy", b -> b.ecsServices(List.of()), "ecsServices is empty"),
                row("no task role to pass", b -> b.taskRoles(List.of()), "taskRoles is empty"),
                row("a role ARN where a role name belongs",
                        b -> b.taskRoles(List.of("arn:aws:iam::123456789012:role/web")), "IAM role name 'arn:aws"),
                row("an ECR repository with uppercase letters", b -> b.ecrRepositories(List.of("Team/Web")),
                        "ECR repository name 'Team/Web'"),
                row("a registry host where an ECR repository name belongs",
                        b -> b.ecrRepositories(List.of("quay.io/team/web:1")), "'quay.io/team/web:1'"),
                row("memory below Lambda's minimum", b -> b.memorySize(64), "memorySize 64 MB"),
                row("timeout above Lambda's maximum", b -> b.timeout(Duration.minutes(20)), "timeout 1200 s"),
                row("a lease that expires before the invocation ends", b -> b.leaseDuration(Duration.seconds(30)),
                        "leaseDuration 30 s must be longer than the function timeout 30 s"),
                row("an unknown log level", b -> b.logLevel("VERBOSE"), "logLevel 'VERBOSE'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProps")
    void badValue_isRejectedByName(String why, UnaryOperator<ImagePushDeployProps.Builder> bad, String message) {
        var valid = validBuilder();

        assertThatThrownBy(() -> bad.apply(valid).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void ecsServiceWithWildcard_isRejected_beforeItWidensTheGrant() {
        assertThatThrownBy(() -> new EcsServiceRef("prod", "*"))
                .hasMessageContaining("ECS service name '*'");
    }

    @Test
    void missingCore_isRejectedByName() {
        assertThatThrownBy(() -> validBuilder().core(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("core is required");
    }

    @Test
    void missingCode_isRejectedByName() {
        assertThatThrownBy(() -> validBuilder().code(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("code is required");
    }

    private static ImagePushDeployProps.Builder validBuilder() {
        var stack = new Stack(new App(), "Test");
        return ImagePushDeployProps.builder()
                .code(DeployStackFixture.deployCode())
                .core(new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build()))
                .ecsServices(DeployStackFixture.SERVICES)
                .taskRoles(DeployStackFixture.TASK_ROLES);
    }

    private static Arguments row(String why, UnaryOperator<ImagePushDeployProps.Builder> bad, String message) {
        return Arguments.of(why, bad, message);
    }
}
