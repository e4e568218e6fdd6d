package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsChangesTest {

    private static final String TEMPLATE = """
            {"Resources": {
              "WebSettings": {"Type": "AWS::ECS::TaskDefinition",
                "Properties": {"Family": "shiplane-settings-staging-web", "Memory": "%s"}},
              "WebBootstrap": {"Type": "AWS::ECS::TaskDefinition",
                "Properties": {"Family": "shiplane-bootstrap-staging-web", "Memory": "%s"}},
              "Web": {"Type": "AWS::ECS::Service", "Properties": {"ServiceName": "web", "Tag": "%s"}}}}""";

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("a settings revision whose memory changed is registered anew",
                        TEMPLATE.formatted("512", "512", "a"), TEMPLATE.formatted("1024", "512", "a"),
                        List.of("shiplane-settings-staging-web")),
                Arguments.of("nothing changed: nothing registered", TEMPLATE.formatted("512", "512", "a"),
                        TEMPLATE.formatted("512", "512", "a"), List.of()),
                Arguments.of("the bootstrap revision and the service are not settings",
                        TEMPLATE.formatted("512", "512", "a"), TEMPLATE.formatted("512", "2048", "b"), List.of()),
                Arguments.of("a settings revision new in the template is registered", "{\"Resources\": {}}",
                        TEMPLATE.formatted("512", "512", "a"), List.of("shiplane-settings-staging-web")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void between(String why, String before, String after, List<String> families) throws Exception {
        var json = new ObjectMapper();
        var changed = SettingsChanges.between(json.readTree(before), json.readTree(after));
        assertThat(changed).extracting(SettingsChanges.Changed::family).containsExactlyElementsOf(families);
    }
}
