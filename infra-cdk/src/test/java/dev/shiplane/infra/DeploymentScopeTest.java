package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentScopeTest {

    private static final InfraConfig CONFIG = InfraConfig.parse("""
            version: 1
            environments:
              staging: {cluster: stage-c, tagPolicy: {any: true}}
              prod: {cluster: prod-c, tagPolicy: {semver: ">=1.0.0"}}
            services:
              web:
                repositories: [team/web, ghcr.io/team/app/web]
                container: web
              worker:
                repositories: [team/worker]
                container: worker
                ecsService: worker-svc
                environments: [staging]
              edge:
                repositories: [ghcr.io/team/app/edge]
                container: edge
            """, "test.yml");

    @Test
    void ecrRepositories_leaveOutGhcrImages_sorted() {
        var scope = DeploymentScope.of(CONFIG, Optional.empty());

        assertThat(scope.ecrRepositories()).containsExactly("team/web", "team/worker");
    }

    @Test
    void taskRoles_areEveryServicesTaskAndExecutionRoleInEveryEnvironmentItRunsIn_sorted() {
        var config = InfraConfig.parse("""
                version: 1
                environments:
                  staging: {cluster: stage-c, tagPolicy: {any: true}}
                  prod: {cluster: prod-c, tagPolicy: {semver: ">=1.0.0"}}
                services:
                  web: {repositories: [team/web], container: web}
                  legacy: {repositories: [team/legacy], container: legacy, environments: [prod],
                           taskRole: "legacy-{env}", executionRole: "{cluster}-pull"}
                """, "test.yml");

        var scope = DeploymentScope.of(config, Optional.empty());

        // no platform block here: web's unnamed roles are any role (towards ECS tasks only); legacy names its own
        assertThat(scope.taskRoles()).containsExactly("*", "legacy-prod", "prod-c-pull");
    }

    @Test
    void unnamedRolesOfAPlatformStacksServices_areThatStacksRoles() {
        assertThat(DeploymentScope.passableRole(null, "prod", true)).isEqualTo("ShiplaneServiceInfra-prod-*");
        assertThat(DeploymentScope.passableRole(null, "prod", false)).isEqualTo("*");
        assertThat(DeploymentScope.passableRole("service-role/web", "prod", true)).isEqualTo("service-role/web");
    }

    @Test
    void ecsServices_areEveryServiceInEveryEnvironmentItRunsIn_underItsEcsServiceName() {
        var scope = DeploymentScope.of(CONFIG, Optional.empty());

        assertThat(scope.ecsServices()).containsExactly(
                new EcsServiceRef("stage-c", "web"),
                new EcsServiceRef("stage-c", "worker-svc"),
                new EcsServiceRef("stage-c", "edge"),
                new EcsServiceRef("prod-c", "web"),
                new EcsServiceRef("prod-c", "edge"));
    }

    @Test
    void oneEnvironment_narrowsServicesAndRepositoriesToIt() {
        var scope = DeploymentScope.of(CONFIG, Optional.of("prod"));

        assertThat(scope.ecsServices()).containsExactly(
                new EcsServiceRef("prod-c", "web"), new EcsServiceRef("prod-c", "edge"));
        assertThat(scope.ecrRepositories()).containsExactly("team/web");
    }

    @Test
    void progressiveService_contributesBothColours_andAlarmsResolvePerEnvironment() {
        var scope = ProgressiveConfigFixture.SCOPE;

        assertThat(scope.ecsServices()).containsExactly(
                new EcsServiceRef("stage-c", "web-blue"), new EcsServiceRef("stage-c", "web-green"),
                new EcsServiceRef("prod-c", "web-blue"), new EcsServiceRef("prod-c", "web-green"),
                new EcsServiceRef("prod-c", "api"));
        assertThat(scope.alarmNames()).containsExactly(
                "prod-c-api-p99", "prod-web-5xx", "prod-web-health", "staging-web-5xx", "staging-web-health");
        assertThat(scope.clusters()).containsExactly("prod-c", "stage-c");
    }

    @Test
    void unknownEnvironment_isRejectedByName() {
        assertThatThrownBy(() -> DeploymentScope.of(CONFIG, Optional.of("qa")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'qa'")
                .hasMessageContaining("[staging, prod]");
    }
}
