package dev.shiplane.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetResolverTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", ANY), new EnvironmentSpec("prod", "monynha-prod", ANY)),
            List.of(new ServiceSpec("web", List.of("monynha/web", "ghcr.io/monynha/app/web"), "web", "web",
                            Strategy.ROLLING, List.of(), List.of("staging", "prod")),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api-svc", Strategy.ROLLING, List.of(),
                            List.of("staging")),
                    new ServiceSpec("worker", List.of("monynha/api"), "worker", "worker", Strategy.ROLLING, List.of(),
                            List.of("prod"))));

    static ImagePush push(Registry registry, String host, String repository) {
        return new ImagePush("p", registry, host, repository, "1.0.0", "sha256:" + "c".repeat(64), Instant.EPOCH);
    }

    static Stream<Arguments> resolutions() {
        var ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        return Stream.of(
                Arguments.of("ECR repository in every environment", push(Registry.ECR, ecr, "monynha/web"),
                        List.of("staging/web", "prod/web")),
                Arguments.of("GHCR image maps to the same service", push(Registry.GHCR, "ghcr.io", "monynha/app/web"),
                        List.of("staging/web", "prod/web")),
                Arguments.of("one repository feeding two services in different environments",
                        push(Registry.ECR, ecr, "monynha/api"), List.of("staging/api", "prod/worker")),
                Arguments.of("unknown repository has no targets", push(Registry.ECR, ecr, "monynha/legacy"), List.of()),
                Arguments.of("GHCR name does not match the ECR entry of the same path",
                        push(Registry.GHCR, "ghcr.io", "monynha/web"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolutions")
    void resolves(String description, ImagePush push, List<String> expected) {
        assertThat(TargetResolver.resolve(CONFIG, push)).extracting(t -> t.env() + "/" + t.serviceName())
                .containsExactlyElementsOf(expected);
    }

    static final ShiplaneConfig WITH_ALARMS = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "monynha-staging", ANY), new EnvironmentSpec("prod", "monynha-prod", ANY)),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING,
                            List.of("{env}-{service}-5xx", "shared-edge-errors"), List.of("staging", "prod")),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING,
                            List.of("{cluster}-api-latency", "shared-edge-errors"), List.of("prod"))));

    static Stream<Arguments> alarms() {
        return Stream.of(
                Arguments.of("an alarm named per environment maps to that environment only", "prod-web-5xx",
                        List.of("prod/web")),
                Arguments.of("the cluster placeholder resolves too", "monynha-prod-api-latency", List.of("prod/api")),
                Arguments.of("an alarm several services list rolls all of them back", "shared-edge-errors",
                        List.of("staging/web", "prod/web", "prod/api")),
                Arguments.of("an alarm of an environment the service does not run in maps to nothing",
                        "monynha-staging-api-latency", List.of()),
                Arguments.of("an unlisted alarm maps to nothing", "billing-spike", List.of()),
                Arguments.of("the template itself is not an alarm name", "{env}-web-5xx", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarms")
    void alarmsMapToTheServicesThatListThem(String description, String alarm, List<String> expected) {
        assertThat(WITH_ALARMS.targetsOfAlarm(alarm)).extracting(t -> t.env() + "/" + t.serviceName())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void ecsServiceLookupFindsManagedServicesOnly() {
        assertThat(CONFIG.targetOfEcsService("monynha-staging", "api-svc")).map(Target::serviceName).contains("api");
        assertThat(CONFIG.targetOfEcsService("monynha-prod", "api-svc")).isEmpty();
        assertThat(CONFIG.targetOfEcsService("other", "web")).isEmpty();
    }

    @Test
    void configRefusesServicesInUnknownEnvironmentsAndMissingClusters() {
        assertThatThrownBy(() -> new ShiplaneConfig(List.of(new EnvironmentSpec("staging", "", ANY)),
                List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                        List.of("qa")))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("environments.staging.cluster: missing")
                .hasMessageContaining("services.web.environments: unknown environment 'qa'");
    }
}
