package dev.shiplane.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.testkit.RepoFiles;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    @Test
    void repositoryConfigLoads() {
        var config = ConfigLoader.load(RepoFiles.path("shiplane.yml"));

        assertThat(config.environments()).extracting(e -> e.name() + "=" + e.cluster())
                .containsExactly("staging=monynha-staging", "prod=monynha-prod");
        assertThat(config.services()).extracting(s -> s.name()).containsExactly("web", "api", "docs");
        var web = config.service("web").orElseThrow();
        assertThat(web.repositories()).containsExactly("monynha/web", "ghcr.io/monynha/monynha/web");
        assertThat(web.ecsService()).isEqualTo("web");
        assertThat(web.strategy()).isEqualTo(Strategy.ROLLING);
        assertThat(web.environments()).containsExactly("staging", "prod");
        assertThat(config.environment("prod").orElseThrow().tagPolicy().matcher())
                .isInstanceOf(TagMatcher.Semver.class);
        assertThat(config.rotation().schedule()).isEqualTo("cron(0 0 1 * ? *)");
        assertThat(config.rotation().secrets()).extracting(s -> s.name() + ":" + s.type().code() + ":" + s.consumers())
                .containsExactly("db-password:postgres:[api, web]", "jwt-secret:hmac-key:[api]", "api-key:api-key:[web]");
        assertThat(config.rotation().secrets().get(1).gracePeriod()).isEqualTo(java.time.Duration.ofDays(7));
    }

    static final String ENV = """
            environments:
              staging:
                cluster: monynha-staging
                tagPolicy: {semver: ">=1.0.0"}
            """;

    static final String ROTATION = """
            rotation:
              secrets:
                db: {secretId: monynha/db, %s}
            """;

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown key names its path and the known keys", """
                        environments:
                          staging:
                            clustr: monynha-staging
                        """, "unknown key 'environments.staging.clustr' (known: cluster, tagPolicy)"),
                Arguments.of("missing cluster", """
                        environments:
                          staging:
                            tagPolicy: {any: true}
                        """, "environments.staging.cluster: missing"),
                Arguments.of("missing tag policy", """
                        environments:
                          staging:
                            cluster: c
                        """, "environments.staging.tagPolicy: missing"),
                Arguments.of("unreadable semver range", """
                        environments:
                          staging:
                            cluster: c
                            tagPolicy: {semver: ">=banana"}
                        """, "environments.staging.tagPolicy.semver: 'banana' is not a version"),
                Arguments.of("two tag rules at once", """
                        environments:
                          staging:
                            cluster: c
                            tagPolicy: {glob: "v*", regex: "v.*"}
                        """, "set exactly one of semver, glob, regex or any: true (found 2)"),
                Arguments.of("invalid regex", """
                        environments:
                          staging:
                            cluster: c
                            tagPolicy: {regex: "v(["}
                        """, "environments.staging.tagPolicy.regex: not a valid regular expression"),
                Arguments.of("service in unknown environment", ENV + """
                        services:
                          web: {repository: monynha/web, container: web, environments: [qa]}
                        """, "services.web.environments: unknown environment 'qa'"),
                Arguments.of("service without container", ENV + """
                        services:
                          web: {repository: monynha/web}
                        """, "services.web.container: missing"),
                Arguments.of("unknown strategy", ENV + """
                        services:
                          web: {repository: monynha/web, container: web, strategy: yolo}
                        """, "services.web.strategy: unknown strategy 'yolo'"),
                Arguments.of("wrong type names the path", ENV + """
                        services:
                          web: {repository: monynha/web, container: web, alarms: {a: b}}
                        """, "services.web.alarms"),
                Arguments.of("YAML syntax error names the line", """
                        environments:
                          staging:
                            cluster: [unclosed
                        """, "line "),
                Arguments.of("unsupported version", "version: 2\n" + ENV, "version: 2 is not supported"),
                Arguments.of("no environments", "services: {}\n", "environments: at least one environment is required"),
                Arguments.of("empty file", "", "the file is empty"),
                Arguments.of("unknown secret type", ENV + ROTATION.formatted("type: vault"),
                        "rotation.secrets.db.type: unknown secret type 'vault'"),
                Arguments.of("postgres secret without master", ENV + ROTATION.formatted("type: postgres"),
                        "rotation.secrets.db.masterSecretId: required for type postgres"),
                Arguments.of("unreadable grace period", ENV + ROTATION.formatted("type: hmac-key, gracePeriod: soon"),
                        "rotation.secrets.db.gracePeriod: 'soon' is not a duration"),
                Arguments.of("consumer that is not a service", ENV + ROTATION.formatted("type: api-key, consumers: [ghost]"),
                        "rotation.secrets.db.consumers: unknown service 'ghost'"),
                Arguments.of("bad schedule", ENV + "rotation: {schedule: monthly}\n",
                        "rotation.schedule: 'monthly' is not an EventBridge schedule expression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidConfigIsRefusedWithItsPath(String description, String yaml, String expectedMessage) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "shiplane.yml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var yaml = """
                environments:
                  staging: {tagPolicy: {any: true}}
                services:
                  web: {repository: monynha/web, environments: [qa]}
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "shiplane.yml"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).hasSize(3));
    }
}
