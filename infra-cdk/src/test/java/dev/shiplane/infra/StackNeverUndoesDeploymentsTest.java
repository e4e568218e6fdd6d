package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * A stack update never undoes a deployment, on either engine: CloudFormation re-applies a property only when the
 * template's value changes, so between a synth before and after a change to shiplane.yml, every ECS service's task
 * definition (and the resource it refers to), desired count and load balancers, and every listener rule's actions,
 * stay as they were. Staging has {@code web} on ECS's engine, {@code api} as two colours and {@code docs} rolling;
 * prod adds linear and blue-green services on ECS's engine.
 */
class StackNeverUndoesDeploymentsTest {

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("an unrelated setting (log retention, database backups)", Map.of(
                        "logRetentionDays: 14", "logRetentionDays: 30",
                        "logRetentionDays: 90", "logRetentionDays: 60",
                        "backupDays: 14", "backupDays: 7"), "AWS::Logs::LogGroup"),
                Arguments.of("a container setting (cpu and memory)", Map.of(
                        "default: {cpu: 256, memory: 512, desiredCount: 1}",
                        "default: {cpu: 512, memory: 1024, desiredCount: 1}",
                        "web: {cpu: 1024, memory: 2048, desiredCount: 3",
                        "web: {cpu: 2048, memory: 4096, desiredCount: 3"), "AWS::ECS::TaskDefinition"),
                Arguments.of("a desired count", Map.of(
                        "default: {cpu: 256, memory: 512, desiredCount: 1}",
                        "default: {cpu: 256, memory: 512, desiredCount: 2}",
                        "desiredCount: 3, paths", "desiredCount: 5, paths",
                        "default: {cpu: 512, memory: 1024, desiredCount: 2}",
                        "default: {cpu: 512, memory: 1024, desiredCount: 4}"),
                        "AWS::ApplicationAutoScaling::ScalableTarget"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aStackUpdateFor_leavesEveryServiceAndListenerRuleAsDeployed(String change, Map<String, String> edits,
                                                                       String changedType) {
        for (var env : List.of("staging", "prod")) {
            var before = resources(NativeConfigFixture.platform(NativeConfigFixture.config(), env));
            var after = resources(NativeConfigFixture.platform(NativeConfigFixture.config(edits), env));

            // The change reached the template: what the deployment must survive is really there.
            assertThat(ofType(after, changedType)).as("%s: the %s changed", env, changedType)
                    .isNotEqualTo(ofType(before, changedType));
            var services = ofType(before, "AWS::ECS::Service");
            assertThat(services).as("%s has services on both engines", env).hasSizeGreaterThanOrEqualTo(3);
            services.forEach((id, service) -> {
                var then = properties(service);
                var now = properties(after.get(id));
                for (var property : List.of("TaskDefinition", "DesiredCount", "LoadBalancers")) {
                    assertThat(now.get(property)).as("%s %s's %s", env, id, property).isEqualTo(then.get(property));
                }
                var definition = taskDefinitionId(then);
                assertThat(after.get(definition)).as("%s %s's task definition %s", env, id, definition)
                        .isEqualTo(before.get(definition));
            });
            ofType(before, "AWS::ElasticLoadBalancingV2::ListenerRule").forEach((id, rule) ->
                    assertThat(properties(after.get(id)).get("Actions")).as("%s rule %s's actions", env, id)
                            .isEqualTo(properties(rule).get("Actions")));
        }
    }

    /**
     * Two synths in one JVM agree even where a list's order comes from {@code Map.of}, whose order changes from one JVM
     * to the next: a task definition's environment must be listed in an order no run changes (sorted).
     */
    @Test
    void taskDefinitions_listTheirEnvironmentSorted_soNoOtherJvmReordersThem() {
        var definitions = ofType(resources(NativeConfigFixture.platform(NativeConfigFixture.config(), "staging")),
                "AWS::ECS::TaskDefinition");
        assertThat(definitions).isNotEmpty();
        definitions.forEach((id, definition) -> {
            var container = (Map<?, ?>) ((List<?>) properties(definition).get("ContainerDefinitions")).getFirst();
            var names = ((List<?>) container.get("Environment")).stream()
                    .map(variable -> String.valueOf(((Map<?, ?>) variable).get("Name"))).toList();
            assertThat(names).as("%s's environment", id).hasSizeGreaterThan(1).isSorted();
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(Template template) {
        return (Map<String, Object>) ((Map<String, Object>) template.toJSON()).get("Resources");
    }

    private static Map<String, Object> ofType(Map<String, Object> resources, String type) {
        var found = new LinkedHashMap<String, Object>();
        resources.forEach((id, resource) -> {
            if (type.equals(((Map<?, ?>) resource).get("Type"))) found.put(id, resource);
        });
        return found;
    }

    private static Map<?, ?> properties(Object resource) {
        return (Map<?, ?>) ((Map<?, ?>) resource).get("Properties");
    }

    /** A service's {@code TaskDefinition} is a {@code Ref} to the task definition resource of the same stack. */
    private static String taskDefinitionId(Map<?, ?> serviceProperties) {
        return String.valueOf(((Map<?, ?>) serviceProperties.get("TaskDefinition")).get("Ref"));
    }
}
