package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accounts as the functions' loader read them off shiplane.yml (which refuses every layout but each
 * environment's account or none: ConfigLoaderTest), laid out for the stacks.
 */
class AccountLayoutTest {

    private static final String SERVICES = """
            services:
              web: {repositories: [team/web], container: web%s}
            """;

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("no account anywhere: one account, as before", """
                        environments: {staging: {tagPolicy: {any: true}, cluster: s}, prod: {tagPolicy: {any: true}, cluster: p}}
                        """ + SERVICES.formatted(""), List.of(), Map.of(), null),
                Arguments.of("every environment named: its accounts, the first one's first, the images there", """
                        environments: {staging: {tagPolicy: {any: true}, cluster: s, account: "123456789012"},
                                       prod: {tagPolicy: {any: true}, cluster: p, account: "210987654321"}}
                        """ + SERVICES.formatted(""), List.of("123456789012", "210987654321"),
                        Map.of("123456789012", List.of("staging"), "210987654321", List.of("prod")), "123456789012"),
                Arguments.of("two environments in one account: one account", """
                        environments: {staging: {tagPolicy: {any: true}, cluster: s, account: "123456789012"},
                                       qa: {tagPolicy: {any: true}, cluster: q, account: "123456789012"}}
                        """ + SERVICES.formatted(""), List.of("123456789012"),
                        Map.of("123456789012", List.of("staging", "qa")), "123456789012"),
                Arguments.of("a service's ecrAccount: its images there", """
                        environments: {staging: {tagPolicy: {any: true}, cluster: s, account: "123456789012"},
                                       prod: {tagPolicy: {any: true}, cluster: p, account: "210987654321"}}
                        """ + SERVICES.formatted(", ecrAccount: \"333333333333\""),
                        List.of("123456789012", "210987654321"),
                        Map.of("123456789012", List.of("staging"), "210987654321", List.of("prod")), "333333333333"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void layout(String description, String yaml, List<String> accounts, Map<String, List<String>> environments,
                String webRegistry) {
        var layout = AccountLayout.of(ConfigLoader.parse("version: 1\n" + yaml, "test.yml"));

        assertThat(layout.named() ? layout.accounts() : List.of()).isEqualTo(accounts);
        environments.forEach((account, envs) -> assertThat(layout.environmentsIn(account)).isEqualTo(envs));
        if (webRegistry != null) assertThat(layout.registryOf("web")).isEqualTo(webRegistry);
    }
}
