package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A platform shiplane could not find at run time fails synth, naming the value to change. */
class ServicePlatformPropsTest {

    private static final String CONFIG = """
            environments:
              staging:
                cluster: %s
                tagPolicy: {any: true}
                platform:
                  certificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
                  domain: origin.example.com
                  tasks: {%s}
              bare: {cluster: bare-c, tagPolicy: {any: true}}
            services:
              web: {repository: team/web, container: web, strategy: canary, environments: [staging, bare]}
              api: {repository: team/api, container: api, environments: [staging]}
            """;

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a colour's target group name over ALB's 32 characters",
                        CONFIG.formatted("a-cluster-name-that-is-long", ""), "staging",
                        "target group name 'a-cluster-name-that-is-long-web-blue'"),
                Arguments.of("two services on one path", CONFIG.formatted("c", "web: {paths: [/x]}, api: {paths: [/x]}"),
                        "staging", "path '/x' is routed to both 'web' and 'api'"),
                Arguments.of("more paths than a listener rule takes",
                        CONFIG.formatted("c", "web: {paths: [/a, /b, /c, /d, /e, /f]}"), "staging",
                        "an ALB listener rule takes at most 5"),
                Arguments.of("an environment without a platform block", CONFIG.formatted("c", ""), "bare",
                        "environment 'bare' has no platform block"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidPlatform_isRejectedByName(String why, String yaml, String env, String message) {
        var config = InfraConfig.parse(yaml, "shiplane.yml");

        assertThatThrownBy(() -> ServicePlatformProps.of(config, env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
