package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.config.ConfigLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What crosses to and from one account's stack, for the ways shiplane.yml can place environments and images. */
class CrossAccountRoutesTest {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String C = "333333333333";

    private static final String YAML = """
            version: 1
            environments:
              staging: {cluster: s, tagPolicy: {any: true}}
              prod: {cluster: p, tagPolicy: {any: true}, promoteFrom: staging, promoteAfter: 5m}
              qa: {cluster: q, tagPolicy: {any: true}, promoteFrom: staging, promoteAfter: 5m}
            services:
              web: {repositories: [team/web, ghcr.io/team/web], container: web}
              site: {repositories: [ghcr.io/team/site], container: site}
            """;

    static Stream<Arguments> placements() {
        return Stream.of(
                Arguments.of("no accounts named: nothing crosses", Map.of(), Map.of(), A,
                        CrossAccountRoutes.NONE),
                Arguments.of("all in one account: nothing crosses", accounts(A, A, A), Map.of(), A,
                        CrossAccountRoutes.NONE),
                Arguments.of("staging's account clears prod's promotions and forwards its ECR events to prod's",
                        accounts(A, B, A), Map.of(), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod")), List.of(),
                                Map.of(B, List.of("team/web")), Map.of())),
                Arguments.of("prod's account takes promotions and ECR events from staging's",
                        accounts(A, B, A), Map.of(), B,
                        new CrossAccountRoutes(Map.of(), List.of(A), Map.of(), Map.of(A, List.of("team/web")))),
                Arguments.of("two promoted environments in the other account: one rule for both",
                        accounts(A, B, B), Map.of(), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod", "qa")), List.of(),
                                Map.of(B, List.of("team/web")), Map.of())),
                Arguments.of("images in prod's account: staging takes ECR events from there",
                        accounts(A, B, A), Map.of("web", B), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod")), List.of(), Map.of(),
                                Map.of(B, List.of("team/web")))),
                Arguments.of("images in a third account: it forwards to both, GHCR-only services to none",
                        accounts(A, B, A), Map.of("web", C, "site", C), C,
                        new CrossAccountRoutes(Map.of(), List.of(),
                                Map.of(A, List.of("team/web"), B, List.of("team/web")), Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void routes(String description, Map<String, String> environmentAccounts, Map<String, String> ecrAccounts,
                String account, CrossAccountRoutes expected) {
        var layout = environmentAccounts.isEmpty() ? AccountLayout.NONE
                : AccountLayout.of(environmentAccounts, ecrAccounts);
        var infra = new InfraConfig(ConfigLoader.parse(YAML, "test.yml"), Map.of(), null, layout);

        assertThat(CrossAccountRoutes.of(infra, account)).isEqualTo(expected);
    }

    private static Map<String, String> accounts(String staging, String prod, String qa) {
        var map = new LinkedHashMap<String, String>();
        map.put("staging", staging);
        map.put("prod", prod);
        map.put("qa", qa);
        return map;
    }
}
