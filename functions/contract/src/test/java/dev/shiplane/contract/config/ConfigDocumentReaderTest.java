package dev.shiplane.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.InvalidConfigException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigDocumentReaderTest {

    static final String SERVICE_KEYS = "alarms, bake, blueGreen, checks, container, ecrAccount, ecsService, engine, environments,"
            + " executionRole, keepRevisions, linear, repositories, repository, steps, strategy, tagPolicy, taskRole";

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("an unknown key, with the known ones", "versoin: 1",
                        "line 1: unknown key 'versoin' (known: concurrency, environments, freezes, rotation, services, version)"),
                Arguments.of("an unknown key deep down, with its full path", """
                        services:
                          web:
                            stategy: canary
                        """, "line 3: unknown key 'services.web.stategy' (known: " + SERVICE_KEYS + ")"),
                Arguments.of("an unknown key holding a mapping, on the key's line", """
                        environments:
                          staging:
                            platfrom:
                              domain: origin.monynha.dev
                        """, "line 3: unknown key 'environments.staging.platfrom' (known: account, approval, approvalTimeout, checkEndpoint, cluster,"
                        + " operators, platform, promoteAfter, promoteFrom, scanGate, tagPolicy)"),
                Arguments.of("an unknown key in a list item", """
                        services:
                          web:
                            checks:
                              - {name: health, path: /}
                              - {name: smoke, paht: /login}
                        """, "line 5: unknown key 'services.web.checks[1].paht' (known: attempts, json, name, path,"
                        + " retryEvery, status, timeout, when)"),
                Arguments.of("a word in a list of numbers", """
                        services:
                          web:
                            container: web
                            steps:
                              - 10
                              - 25
                              - ten
                        """, "line 7: services.web.steps[2]: expected a whole number, found 'ten'"),
                Arguments.of("a fraction where a whole number belongs", "services: {web: {steps: [10, 2.5, 100]}}",
                        "line 1: services.web.steps[1]: expected a whole number, found '2.5'"),
                Arguments.of("a YAML 1.1 hexadecimal number", "rotation: {secrets: {db: {length: 0x1F}}}",
                        "line 1: rotation.secrets.db.length: expected a whole number, found '0x1F'"),
                Arguments.of("a number beyond an Integer", "version: 99999999999",
                        "line 1: version: expected a whole number, found '99999999999'"),
                Arguments.of("a boolean where a number belongs", "version: true",
                        "line 1: version: expected a whole number, found 'true'"),
                Arguments.of("a YAML 1.1 boolean word (yes, on)",
                        "environments: {staging: {tagPolicy: {semver: '>=1.0.0', includePrerelease: yes}}}",
                        "line 1: environments.staging.tagPolicy.includePrerelease: expected true or false, found 'yes'"),
                Arguments.of("a number where true or false belongs",
                        "rotation: {secrets: {db: {excludePunctuation: 1}}}",
                        "line 1: rotation.secrets.db.excludePunctuation: expected true or false, found '1'"),
                Arguments.of("a word where true or false belongs", "environments: {staging: {tagPolicy: {any: maybe}}}",
                        "line 1: environments.staging.tagPolicy.any: expected true or false, found 'maybe'"),
                Arguments.of("a list where a single value belongs", "services: {web: {container: [web]}}",
                        "line 1: services.web.container: expected a single value, found a list"),
                Arguments.of("a mapping where a single value belongs", "services: {web: {container: {name: web}}}",
                        "line 1: services.web.container: expected a single value, found a mapping"),
                Arguments.of("a single value where a list belongs", "services: {web: {alarms: web-5xx}}",
                        "line 1: services.web.alarms: expected a list, found 'web-5xx'"),
                Arguments.of("a list where a mapping belongs", "environments: [staging, prod]",
                        "line 1: environments: expected a mapping of keys to values, found a list"),
                Arguments.of("text where a section belongs", "rotation: monthly",
                        "line 1: rotation: expected a mapping of keys to values, found 'monthly'"),
                Arguments.of("a document that is a list", "- staging\n- prod",
                        "line 1: (top level): expected a mapping of keys to values, found a list"),
                Arguments.of("a key written twice", "version: 1\nversion: 1", "line 2: duplicate key 'version'"),
                Arguments.of("an environment written twice", """
                        environments:
                          staging: {cluster: a}
                          staging: {cluster: b}
                        """, "line 3: duplicate key 'environments.staging'"),
                Arguments.of("a key written twice in a list item", "services: {web: {checks: [{name: a, name: b}]}}",
                        "line 1: duplicate key 'services.web.checks[0].name'"),
                Arguments.of("broken YAML, on the line of the problem", "version: 1\n\tservices: {}",
                        "line 2: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for"
                                + " indentation)"),
                Arguments.of("a key a merge brought, written again", """
                        services:
                          web: &service {container: app, bake: 5m}
                          api:
                            <<: *service
                            container: api
                        """, "line 5: duplicate key 'services.api.container'"),
                Arguments.of("an alias without its anchor", "version: *one",
                        "line 1: version: invalid alias one"),
                Arguments.of("a second document", "version: 1\n---\nversion: 1",
                        "line 3: a second document; shiplane.yml is one document"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithLineAndPath(String description, String yaml, String problem) {
        assertThatThrownBy(() -> ConfigDocumentReader.read(yaml, "shiplane.yml"))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly("shiplane.yml: " + problem));
    }

    static Stream<Arguments> valuesAsWritten() {
        return Stream.of(
                read("a version-like value keeps its text, not the number 1.1",
                        "environments: {staging: {tagPolicy: {semver: 1.10}}}",
                        d -> d.environments().get("staging").tagPolicy().semver(), "1.10"),
                read("leading zeros stay in a text", "environments: {staging: {tagPolicy: {glob: 010}}}",
                        d -> d.environments().get("staging").tagPolicy().glob(), "010"),
                read("a YAML 1.1 boolean word is a text where a text belongs", "services: {web: {container: on}}",
                        d -> d.services().get("web").container(), "on"),
                read("a whole number is decimal, leading zero or not (YAML 1.1 would read octal 8)",
                        "rotation: {secrets: {db: {length: 010}}}",
                        d -> d.rotation().secrets().get("db").length(), 10),
                read("a quoted whole number is that number", "rotation: {secrets: {db: {length: '32'}}}",
                        d -> d.rotation().secrets().get("db").length(), 32),
                read("true in capitals", "rotation: {secrets: {db: {excludePunctuation: FALSE}}}",
                        d -> d.rotation().secrets().get("db").excludePunctuation(), false),
                read("a key with nothing after it is absent", "services: {web: {container: }}",
                        d -> d.services().get("web").container(), null),
                read("an empty text stays empty", "services: {web: {container: ''}}",
                        d -> d.services().get("web").container(), ""),
                read("one check phase is a list of one", "services: {web: {checks: [{when: pre-traffic}]}}",
                        d -> d.services().get("web").checks().getFirst().when(), List.of("pre-traffic")),
                read("check phases as a list", "services: {web: {checks: [{when: [pre-traffic, post-promotion]}]}}",
                        d -> d.services().get("web").checks().getFirst().when(),
                        List.of("pre-traffic", "post-promotion")),
                read("keys in the order written", "services: {web: {}, api: {}, docs: {}}",
                        d -> List.copyOf(d.services().keySet()), List.of("web", "api", "docs")),
                read("an alias repeats what its anchor holds", """
                        services:
                          web: {container: app, alarms: &gates [5xx, latency]}
                          api: {container: app, alarms: *gates}
                        """, d -> d.services().get("api").alarms(), List.of("5xx", "latency")),
                read("a merge key brings its anchor's keys", """
                        services:
                          web: &service {container: app, bake: 5m}
                          api: {<<: *service, strategy: canary}
                        """, d -> d.services().get("api").bake() + " " + d.services().get("api").strategy(),
                        "5m canary"));
    }

    private static Arguments read(String description, String yaml, Function<ConfigDocument, Object> value,
                                  Object expected) {
        return Arguments.of(description, yaml, value, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesAsWritten")
    void readsValuesAsWritten(String description, String yaml, Function<ConfigDocument, Object> value,
                              Object expected) {
        assertThat(value.apply(ConfigDocumentReader.read(yaml, "shiplane.yml"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"# only a comment\n", "~", "---\n"})
    void aDocumentWithNothingInItReadsAsNothing(String yaml) {
        assertThat(ConfigDocumentReader.read(yaml, "shiplane.yml")).isNull();
    }

}
