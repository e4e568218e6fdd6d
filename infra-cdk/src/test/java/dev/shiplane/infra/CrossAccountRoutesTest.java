package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.infra.CrossAccountRoutes.EcrEvents;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What crosses to and from one account's stack, for the ways shiplane.yml can place environments and images: a
 * promotion where the source and target are in different accounts; ECR's pushes only to an account where an
 * environment takes the service directly, its scan results only to one where an environment taking it has a scan
 * gate; nothing of ECR's where nothing acts on it (no empty rule), while the repository policy still lets every
 * deploying account pull.
 */
class CrossAccountRoutesTest {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String C = "333333333333";
    private static final List<String> WEB = List.of("team/web");

    /** Where each environment and image lives, and how prod and qa take their images. */
    private record Placement(String staging, String prod, String qa, boolean prodGated, boolean qaPromoted,
                             String webRegistry, String siteRegistry) {

        String yaml() {
            return """
                    version: 1
                    environments:
                      staging: {cluster: s, tagPolicy: {any: true}%s}
                      prod: {cluster: p, tagPolicy: {any: true}, promoteFrom: staging, promoteAfter: 5m%s%s}
                      qa: {cluster: q, tagPolicy: {any: true}%s%s}
                    services:
                      web: {repositories: [team/web, ghcr.io/team/web], container: web%s}
                      site: {repositories: [ghcr.io/team/site], container: site%s}
                    """.formatted(account(staging), prodGated ? ", scanGate: {maxSeverity: HIGH}" : "", account(prod),
                    qaPromoted ? ", promoteFrom: staging, promoteAfter: 5m" : "", account(qa),
                    registry(webRegistry), registry(siteRegistry));
        }

        private static String account(String account) {
            return account == null ? "" : ", account: \"" + account + "\"";
        }

        private static String registry(String account) {
            return account == null ? "" : ", ecrAccount: \"" + account + "\"";
        }
    }

    private static Placement placed(String staging, String prod, String qa) {
        return new Placement(staging, prod, qa, true, true, null, null);
    }

    static Stream<Arguments> placements() {
        return Stream.of(
                Arguments.of("no accounts named: nothing crosses", placed(null, null, null), A,
                        CrossAccountRoutes.NONE),
                Arguments.of("all in one account: nothing crosses", placed(A, A, A), A, CrossAccountRoutes.NONE),
                Arguments.of("staging's account clears prod's promotions, lets prod pull, and forwards prod's gate"
                                + " the scans, never a push (prod takes its images by promotion)",
                        placed(A, B, A), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod")), List.of(), Map.of(B, WEB),
                                Map.of(B, new EcrEvents(List.of(), WEB)), Map.of())),
                Arguments.of("prod's account takes promotions and scan results from staging's",
                        placed(A, B, A), B,
                        new CrossAccountRoutes(Map.of(), List.of(A), Map.of(), Map.of(),
                                Map.of(A, new EcrEvents(List.of(), WEB)))),
                Arguments.of("prod promoted without a scan gate: no ECR event crosses, prod still pulls",
                        new Placement(A, B, A, false, true, null, null), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod")), List.of(), Map.of(B, WEB), Map.of(),
                                Map.of())),
                Arguments.of("…and prod's account hears nothing of ECR's",
                        new Placement(A, B, A, false, true, null, null), B,
                        new CrossAccountRoutes(Map.of(), List.of(A), Map.of(), Map.of(), Map.of())),
                Arguments.of("two promoted environments in the other account: one promotion rule for both",
                        placed(A, B, B), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod", "qa")), List.of(), Map.of(B, WEB),
                                Map.of(B, new EcrEvents(List.of(), WEB)), Map.of())),
                Arguments.of("an environment there taking pushes directly: pushes and scans both cross",
                        new Placement(A, B, B, true, false, null, null), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod")), List.of(), Map.of(B, WEB),
                                Map.of(B, new EcrEvents(WEB, WEB)), Map.of())),
                Arguments.of("images in prod's account: staging, taking them directly without a gate, hears their"
                                + " pushes from there",
                        new Placement(A, B, A, true, true, B, null), A,
                        new CrossAccountRoutes(Map.of(B, List.of("prod")), List.of(), Map.of(), Map.of(),
                                Map.of(B, new EcrEvents(WEB, List.of())))),
                Arguments.of("…and prod's account forwards staging the pushes, lets it pull, keeps its scans",
                        new Placement(A, B, A, true, true, B, null), B,
                        new CrossAccountRoutes(Map.of(), List.of(A), Map.of(A, WEB),
                                Map.of(A, new EcrEvents(WEB, List.of())), Map.of())),
                Arguments.of("images in a third account: pushes to staging's, scans to prod's; GHCR-only services"
                                + " to none",
                        new Placement(A, B, A, true, true, C, C), C,
                        new CrossAccountRoutes(Map.of(), List.of(), Map.of(A, WEB, B, WEB),
                                Map.of(A, new EcrEvents(WEB, List.of()), B, new EcrEvents(List.of(), WEB)),
                                Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placements")
    void routes(String description, Placement placement, String account, CrossAccountRoutes expected) {
        var infra = new InfraConfig(ConfigLoader.parse(placement.yaml(), "test.yml"), Map.of(), null);

        assertThat(CrossAccountRoutes.of(infra, account)).isEqualTo(expected);
    }

    /** The detail types a bus admits and the rules match are one table: each kind's pattern names its own. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(EcrEvents.Kind.class)
    void eachKindsPattern_matchesTheSourceAndDetailTypeTheBusPolicyAdmits(EcrEvents.Kind kind) {
        var pattern = kind.pattern(WEB);

        assertThat(pattern.getSource()).containsExactly(kind.source);
        assertThat(pattern.getDetailType()).containsExactly(kind.detailType);
    }

    /** Pushes where a service is taken directly; ECR's and Inspector's scans where a scan gate waits. */
    @org.junit.jupiter.api.Test
    void byKind_listsTheKindsActedOn_eachWithItsRepositories() {
        assertThat(new EcrEvents(WEB, List.of()).byKind()).containsExactly(Map.entry(EcrEvents.Kind.PUSH, WEB));
        assertThat(new EcrEvents(List.of(), WEB).byKind()).containsExactly(Map.entry(EcrEvents.Kind.SCAN, WEB),
                Map.entry(EcrEvents.Kind.INSPECTOR_SCAN, WEB));
        assertThat(new EcrEvents(List.of(), List.of()).byKind()).isEmpty();
    }
}
