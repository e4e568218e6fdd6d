package dev.shiplane.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServedEnvironmentsTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "c-staging", ANY, null, null, null, null, null, "123456789012"),
                    new EnvironmentSpec("prod", "c-prod", ANY, "staging", Duration.ofMinutes(30), null, null, null,
                            "210987654321")),
            List.of(new ServiceSpec("web", List.of("monynha/web"), "web", "web", Strategy.ROLLING, List.of(),
                            List.of("staging", "prod")),
                    new ServiceSpec("api", List.of("monynha/api"), "api", "api", Strategy.ROLLING, List.of(),
                            List.of("staging")),
                    new ServiceSpec("billing", List.of("monynha/billing"), "billing", "billing", Strategy.ROLLING,
                            List.of(), List.of("prod"))),
            new RotationSpec(RotationSpec.MONTHLY, List.of(
                    secret("db", List.of("web")), secret("api-key", List.of("api")),
                    secret("billing-key", List.of("billing")), secret("unconsumed", List.of()),
                    // named by ARN: the secret of prod's account, consumed by a service running in prod only
                    new SecretSpec("prod-only", "arn:aws:secretsmanager:us-east-1:210987654321:secret:monynha/shared",
                            SecretType.API_KEY, null, List.of("billing"), null, 32, true))));

    static SecretSpec secret(String name, List<String> consumers) {
        return new SecretSpec(name, "monynha/" + name, SecretType.API_KEY, null, consumers, null, 32, true);
    }

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("no variable: one stack serves every environment", null,
                        List.of("staging/web", "prod/web", "staging/api", "prod/billing"),
                        List.of("db", "api-key", "billing-key", "unconsumed", "prod-only"), true),
                Arguments.of("a blank variable is no variable", " ",
                        List.of("staging/web", "prod/web", "staging/api", "prod/billing"),
                        List.of("db", "api-key", "billing-key", "unconsumed", "prod-only"), true),
                Arguments.of("the primary account's stack: staging's services, their secrets and the unconsumed one",
                        "staging", List.of("staging/web", "staging/api"), List.of("db", "api-key", "unconsumed"),
                        false),
                Arguments.of("prod's stack: prod's services and the secrets they consume", " prod ,",
                        List.of("prod/web", "prod/billing"), List.of("db", "billing-key", "prod-only"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void aStackActsOnlyForTheEnvironmentsItServes(String description, String variable, List<String> targets,
                                                 List<String> secrets, boolean servesProd) {
        var served = ServedEnvironments.parse(variable);
        var narrowed = CONFIG.servedOnly(served);

        assertThat(narrowed.environments()).isEqualTo(CONFIG.environments());
        assertThat(Stream.of("staging", "prod").flatMap(e -> narrowed.targetsIn(e).stream())
                .map(t -> t.env() + "/" + t.serviceName()).sorted().toList())
                .isEqualTo(targets.stream().sorted().toList());
        assertThat(narrowed.rotation().secrets()).extracting(SecretSpec::name).containsExactlyElementsOf(secrets);
        assertThat(served.serves("prod")).isEqualTo(servesProd);
        assertThat(served.notServed("prod").isEmpty()).isEqualTo(servesProd);
    }
}
