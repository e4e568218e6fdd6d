package dev.shiplane.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.gate.ScanGate;
import java.time.Duration;
import dev.shiplane.core.gate.Severity;
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
        assertThat(web.strategy()).isEqualTo(Strategy.CANARY);
        assertThat(web.engine()).isEqualTo(dev.shiplane.core.config.Engine.ECS);
        assertThat(web.traffic().steps()).containsExactly(10, 100);
        assertThat(config.service("api").orElseThrow().traffic().steps()).containsExactly(10, 25, 50, 100);
        assertThat(config.service("api").orElseThrow().engine()).isEqualTo(dev.shiplane.core.config.Engine.SHIPLANE);
        assertThat(config.service("docs").orElseThrow().strategy()).isEqualTo(Strategy.ROLLING);
        assertThat(config.environment("prod").orElseThrow().promoteFrom()).isEqualTo("staging");
        assertThat(web.environments()).containsExactly("staging", "prod");
        assertThat(config.environment("prod").orElseThrow().tagPolicy().matcher())
                .isInstanceOf(TagMatcher.Semver.class);
        assertThat(config.rotation().schedule()).isEqualTo("cron(0 0 1 * ? *)");
        assertThat(config.rotation().secrets()).extracting(s -> s.name() + ":" + s.type().code() + ":" + s.consumers())
                .containsExactly("db-password:postgres:[api, web]", "jwt-secret:hmac-key:[api]", "api-key:api-key:[web]");
        assertThat(config.rotation().secrets().get(1).gracePeriod()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(config.environment("prod").orElseThrow().scanGate())
                .isEqualTo(new ScanGate(Severity.MEDIUM, true, java.time.Duration.ofMinutes(30)));
        assertThat(config.environment("staging").orElseThrow().scanGate().enforced()).isFalse();
    }

    @Test
    void scanGateDefaultsToEnforcedWithA30MinuteTimeout() {
        var config = ConfigLoader.parse(ENV.replace("cluster: monynha-staging",
                "cluster: monynha-staging\n    scanGate: {maxSeverity: high}"), "shiplane.yml");

        assertThat(config.environment("staging").orElseThrow().scanGate())
                .isEqualTo(new ScanGate(Severity.HIGH, true, java.time.Duration.ofMinutes(30)));
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

    static final String ACCOUNTS = """
            environments:
              staging:
                cluster: monynha-staging
                tagPolicy: {any: true}
                account: "123456789012"
              prod:
                cluster: monynha-prod
                tagPolicy: {any: true}
                promoteFrom: staging
                account: "210987654321"
            """;

    /** Across accounts: web runs in both, billing in prod only; {@code %s} is the shared secret's ARN and consumers. */
    static final String ARN_SECRET = ACCOUNTS + """
            services:
              web: {repository: monynha/web, container: web}
              billing: {repository: monynha/billing, container: billing, environments: [prod]}
            rotation:
              secrets:
                shared: {secretId: "arn:aws:secretsmanager:us-east-1:%s:secret:monynha/shared", type: api-key,
                         consumers: %s}
            """;

    static final String CHECKED_ENV = ENV.replace("cluster: monynha-staging",
            "cluster: monynha-staging\n    checkEndpoint: https://origin.staging.monynha.dev");

    @Test
    void checksExpandPerPhaseWithDefaultsAndResolveAgainstTheEndpoint() {
        var config = ConfigLoader.parse(CHECKED_ENV + SERVICE.formatted("""
                strategy: canary, checks: [{name: health, path: /api/health, json: {field: /status, equals: ok}},
                    {name: smoke, when: post-promotion, path: "https://smoke.example.com/{env}/login", status: 204,
                     timeout: 5s, attempts: 1, retryEvery: 1m}]"""), "shiplane.yml");

        var web = config.service("web").orElseThrow();
        var staging = config.environment("staging").orElseThrow();
        assertThat(web.checks()).containsExactly(
                new HttpCheck("health", HttpCheck.Phase.PRE_TRAFFIC, "/api/health", 200, "/status", "ok",
                        Duration.ofSeconds(2), 3, Duration.ofSeconds(30)),
                new HttpCheck("health", HttpCheck.Phase.POST_PROMOTION, "/api/health", 200, "/status", "ok",
                        Duration.ofSeconds(2), 3, Duration.ofSeconds(30)),
                new HttpCheck("smoke", HttpCheck.Phase.POST_PROMOTION, "https://smoke.example.com/{env}/login", 204,
                        null, null, Duration.ofSeconds(5), 1, Duration.ofMinutes(1)));
        assertThat(staging.checkUrl(web.checks().getFirst()))
                .isEqualTo("https://origin.staging.monynha.dev/api/health");
        assertThat(staging.checkUrl(web.checks().getLast())).isEqualTo("https://smoke.example.com/staging/login");
    }

    @Test
    void checkEndpointDefaultsToThePlatformDomain() {
        var config = ConfigLoader.load(RepoFiles.path("shiplane.yml"));

        assertThat(config.environment("prod").orElseThrow().checkEndpoint()).isEqualTo("https://origin.monynha.dev");
    }

    static final String SERVICE = """
            services:
              web: {repository: monynha/web, container: web, %s}
            """;

    @Test
    void progressiveServicesGetTheirPlanAndColourNames() {
        var config = ConfigLoader.parse(ENV.replace("cluster: monynha-staging", "cluster: monynha-staging\n    promoteFrom: prod") + """
                  prod:
                    cluster: monynha-prod
                    tagPolicy: {any: true}
                services:
                  web: {repository: monynha/web, container: web, strategy: canary, steps: [5, 50, 100], bake: 2m}
                  api: {repository: monynha/api, container: api, strategy: linear, linear: {increment: 25, every: 1m}}
                  docs: {repository: monynha/docs, container: docs, strategy: blue-green,
                         blueGreen: {blueTargetGroup: "{env}-docs-a", greenTargetGroup: "{env}-docs-b"}}
                """, "shiplane.yml");

        var web = config.service("web").orElseThrow();
        assertThat(web.traffic().steps()).containsExactly(5, 50, 100);
        assertThat(web.traffic().bake()).isEqualTo(java.time.Duration.ofMinutes(2));
        var staging = config.environment("staging").orElseThrow();
        assertThat(web.colours(staging)).isEqualTo(new dev.shiplane.core.config.BlueGreenNames("web-blue", "web-green",
                "monynha-staging-web-blue", "monynha-staging-web-green"));
        assertThat(config.service("api").orElseThrow().traffic().steps()).containsExactly(25, 50, 75, 100);
        var docs = config.service("docs").orElseThrow();
        assertThat(docs.traffic().steps()).containsExactly(100);
        assertThat(docs.colours(staging).greenTargetGroup()).isEqualTo("staging-docs-b");
        assertThat(staging.promoteFrom()).isEqualTo("prod");
        assertThat(staging.promoteAfter()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(config.targetOfEcsService("monynha-staging", "web-green")).map(t -> t.serviceName()).contains("web");
        assertThat(config.targetOfEcsService("monynha-staging", "web")).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknown key names its path and the known keys", """
                        environments:
                          staging:
                            clustr: monynha-staging
                        """, "shiplane.yml: line 3: unknown key 'environments.staging.clustr' (known: account, approval, approvalTimeout, checkEndpoint, cluster,"
                        + " operators, platform, promoteAfter, promoteFrom, scanGate, tagPolicy)"),
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
                Arguments.of("a service's own tag policy is checked like an environment's", ENV + """
                        services:
                          worker: {repository: monynha/worker, container: worker, tagPolicy: {regex: "v(["}}
                        """, "services.worker.tagPolicy.regex: not a valid regular expression"),
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
                        """, "shiplane.yml: line 6: services.web.alarms: expected a list, found a mapping"),
                Arguments.of("YAML syntax error names the line of the problem", """
                        environments:
                          staging:
                            cluster: 'unclosed
                        """, "shiplane.yml: line 4: found unexpected end of stream"),
                Arguments.of("a list where one value belongs names its line", """
                        environments:
                          staging:
                            cluster: [a, b]
                        """, "shiplane.yml: line 3: environments.staging.cluster: expected a single value, found a list"),
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
                Arguments.of("canary steps that go down", ENV + SERVICE.formatted("strategy: canary, steps: [10, 50, 25, 100]"),
                        "services.web.steps: must increase (50 then 25)"),
                Arguments.of("canary steps not ending at 100", ENV + SERVICE.formatted("strategy: canary, steps: [10, 50]"),
                        "services.web.steps: the last step must be 100"),
                Arguments.of("linear without increment", ENV + SERVICE.formatted("strategy: linear"),
                        "services.web.linear: a linear service needs linear"),
                Arguments.of("linear increment out of range", ENV + SERVICE.formatted("strategy: linear, linear: {increment: 0}"),
                        "services.web.linear.increment: 0 is outside 1..100"),
                Arguments.of("unreadable bake", ENV + SERVICE.formatted("strategy: canary, bake: forever"),
                        "services.web.bake: 'forever' is not a duration"),
                Arguments.of("steps on a rolling service", ENV + SERVICE.formatted("steps: [100]"),
                        "only apply to canary, linear and blue-green strategies"),
                Arguments.of("linear settings on a rolling service", ENV + SERVICE.formatted("linear: {increment: 10}"),
                        "steps, linear and blueGreen only apply"),
                Arguments.of("promotion from an unknown environment", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    promoteFrom: qa"), "environments.staging.promoteFrom: 'qa' is not another environment"),
                Arguments.of("enforced scan gate without threshold", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    scanGate: {timeout: 10m}"),
                        "environments.staging.scanGate.maxSeverity: required when the gate is enforced"),
                Arguments.of("unknown severity", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    scanGate: {maxSeverity: SEVERE}"),
                        "environments.staging.scanGate.maxSeverity: 'SEVERE' is not a severity"),
                Arguments.of("unknown scan gate mode", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    scanGate: {mode: warn, maxSeverity: LOW}"),
                        "environments.staging.scanGate.mode: 'warn' is not a mode (enforce or report)"),
                Arguments.of("scan timeout out of range", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    scanGate: {maxSeverity: LOW, timeout: 2d}"),
                        "environments.staging.scanGate.timeout: 2d is outside 1m..24h"),
                Arguments.of("unknown scan gate key", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    scanGate: {maxSeverty: LOW}"),
                        "unknown key 'environments.staging.scanGate.maxSeverty'"),
                Arguments.of("checks on a rolling service", CHECKED_ENV + SERVICE.formatted("checks: [{name: health, path: /}]"),
                        "services.web.checks: checks need a canary, linear or blue-green service"),
                Arguments.of("check without a path", CHECKED_ENV + SERVICE.formatted("strategy: canary, checks: [{name: health}]"),
                        "services.web.checks.health.path: required"),
                Arguments.of("check with a bad name", CHECKED_ENV + SERVICE.formatted("strategy: canary, checks: [{name: Health!, path: /}]"),
                        "services.web.checks.Health!.name: required, lower-case letters"),
                Arguments.of("check with an unknown phase", CHECKED_ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /, when: during}]"),
                        "services.web.checks.health.when: 'during' is not a phase (pre-traffic, post-promotion)"),
                Arguments.of("check timeout beyond 30s", CHECKED_ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /, timeout: 1m}]"),
                        "services.web.checks.health.timeout: 1m is outside 1s..30s"),
                Arguments.of("check retried too often", CHECKED_ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /, retryEvery: 1s}]"),
                        "services.web.checks.health.retryEvery: 1s is outside 10s..3600s"),
                Arguments.of("check attempts out of range", CHECKED_ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /, attempts: 0}]"),
                        "services.web.checks.health.attempts: 0 is outside 1..20"),
                Arguments.of("json expectation without a pointer", CHECKED_ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /, json: {field: status, equals: ok}}]"),
                        "services.web.checks.health.json: needs field (a JSON Pointer such as /status) and equals"),
                Arguments.of("check declared twice", CHECKED_ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /}, {name: health, path: /x, when: post-promotion}]"),
                        "services.web.checks.health: declared twice for post-promotion"),
                Arguments.of("relative check path without an endpoint", ENV + SERVICE.formatted(
                        "strategy: canary, checks: [{name: health, path: /api/health}]"),
                        "environments.staging.checkEndpoint: required by services.web.checks"),
                Arguments.of("endpoint that is not a URL", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    checkEndpoint: origin.monynha.dev"),
                        "environments.staging.checkEndpoint: 'origin.monynha.dev' is not an http(s) URL"),
                Arguments.of("bad schedule", ENV + "rotation: {schedule: monthly}\n",
                        "rotation.schedule: 'monthly' is not an EventBridge schedule expression"),
                Arguments.of("operators with an unknown action", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    operators: [{actions: [deploy, ship], principals:"
                        + " ['arn:aws:iam::123456789012:role/Releasers']}]"),
                        "environments.staging.operators[0].actions: 'ship' is not an operator action (one of deploy,"
                        + " rollback, promote, abort, pause, resume, freeze, unfreeze)"),
                Arguments.of("operators with all beside other actions", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    operators: [{actions: [all, deploy], principals:"
                        + " ['arn:aws:iam::123456789012:role/Releasers']}]"),
                        "environments.staging.operators[0].actions: 'all' is not an operator action (one of deploy,"
                        + " rollback, promote, abort, pause, resume, freeze, unfreeze); all stands alone"),
                Arguments.of("operators whose principal is a bare role name", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    operators: [{actions: all, principals: [Releasers]}]"),
                        "environments.staging.operators[0].principals: 'Releasers' is not an IAM role, role session"
                        + " or user ARN"),
                Arguments.of("operators of any account", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    operators: [{actions: all, principals:"
                        + " ['arn:aws:iam::*:role/Releasers']}]"),
                        "environments.staging.operators[0].principals: 'arn:aws:iam::*:role/Releasers': the account"
                        + " must be written out (12 digits), never a wildcard"),
                Arguments.of("operators entry without principals", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    operators: [{actions: [rollback]}]"),
                        "environments.staging.operators[0].principals: missing (IAM role, role session or user ARNs)"),
                Arguments.of("operators entry without actions", ENV.replace("cluster: monynha-staging",
                        "cluster: monynha-staging\n    operators: [{principals: ['arn:aws:iam::123456789012:user/a']}]"),
                        "environments.staging.operators[0].actions: missing (any of deploy, rollback, promote, abort,"
                        + " pause, resume, freeze, unfreeze, or all)"),
                Arguments.of("freeze window in an unknown environment",
                        ENV + "freezes:\n  f: {environments: [qa], cron: '* * * * *'}\n",
                        "freezes.f.environments: unknown environment 'qa'"),
                Arguments.of("freeze window with both cron and a range", ENV
                        + "freezes:\n  f: {environments: [staging], cron: '* * * * *', from: 2026-12-20T00:00,"
                        + " until: 2026-12-21T00:00}\n", "freezes.f: give either cron, or from and until"),
                Arguments.of("freeze window with a bad cron",
                        ENV + "freezes:\n  f: {environments: [staging], cron: '* 25 * * *'}\n",
                        "freezes.f: cron '* 25 * * *': '25' is not a valid value or range"),
                Arguments.of("freeze window with an unknown time zone", ENV
                        + "freezes:\n  f: {environments: [staging], cron: '* * * * *', timeZone: Mars/Base}\n",
                        "freezes.f.timeZone: 'Mars/Base' is not a time zone"),
                Arguments.of("freeze range that ends before it starts", ENV
                        + "freezes:\n  f: {environments: [staging], from: 2026-12-21T00:00, until: 2026-12-20T00:00}\n",
                        "freezes.f.until: 2026-12-20T00:00 is not after from 2026-12-21T00:00"),
                Arguments.of("task role given as an ARN", ENV + """
                        services:
                          web: {repository: monynha/web, taskRole: "arn:aws:iam::123456789012:role/web"}
                        """, "services.web.taskRole: 'arn:aws:iam::123456789012:role/web' (in staging) is not an IAM"
                        + " role name"),
                Arguments.of("execution role longer than IAM allows once resolved", ENV + """
                        services:
                          web: {repository: monynha/web, executionRole: "{cluster}-{service}-%s"}
                        """.formatted("x".repeat(50)), "services.web.executionRole: 'monynha-staging-web-xxx"),
                Arguments.of("an account that is not 12 digits", ACCOUNTS.replace("\"210987654321\"", "\"21098765\""),
                        "environments.prod.account: '21098765' is not a 12-digit AWS account id"),
                Arguments.of("one environment names its account, another does not",
                        ACCOUNTS.replace("    account: \"210987654321\"\n", ""),
                        "environments: prod name no account (once one environment names its account, every one does)"),
                Arguments.of("an ECR account that is not 12 digits",
                        ACCOUNTS + "services:\n  web: {repository: monynha/web, container: web, ecrAccount: \"ecr\"}\n",
                        "services.web.ecrAccount: 'ecr' is not a 12-digit AWS account id"),
                Arguments.of("an ECR account where environments name none",
                        ENV + SERVICE.formatted("ecrAccount: \"123456789012\""),
                        "services.web.ecrAccount: needs the environments' accounts"),
                Arguments.of("a secret named by ARN whose consumer also runs in another account's environment",
                        ARN_SECRET.formatted("210987654321", "[web, billing]"),
                        "rotation.secrets.shared.consumers: the secret named by ARN is rotated in account 210987654321,"
                        + " whose stack restarts only that account's consumers, but web in staging (account"
                        + " 123456789012) would keep the stale value; name the secret by name (each account keeps its"
                        + " own copy) or limit its consumers to services running only in account 210987654321"),
                Arguments.of("a secret named by ARN in an account where no environment runs",
                        ARN_SECRET.formatted("999999999999", "[billing]"),
                        "rotation.secrets.shared.secretId: the ARN is in account 999999999999, where no environment"
                        + " runs (accounts: [123456789012, 210987654321]), so no delivery stack would rotate it; name"
                        + " the secret by name (each account keeps its own copy) or correct the ARN's account"),
                Arguments.of("keeping no revision at all", ENV + SERVICE.formatted("keepRevisions: 0"),
                        "services.web.keepRevisions: 0 is not from 1 to 100"),
                Arguments.of("keeping more revisions than anyone cleans", ENV + SERVICE.formatted("keepRevisions: 101"),
                        "services.web.keepRevisions: 101 is not from 1 to 100"),
                Arguments.of("a keep count that is not a whole number", ENV + SERVICE.formatted("keepRevisions: 2.5"),
                        "services.web.keepRevisions"));
    }

    @Test
    void operatorsAreReadPerEnvironment_anEnvironmentWithoutAListListsNone() {
        var config = ConfigLoader.parse("""
                environments:
                  staging:
                    cluster: monynha-staging
                    tagPolicy: {any: true}
                  prod:
                    cluster: monynha-prod
                    tagPolicy: {any: true}
                    operators:
                      - actions: [deploy, promote]
                        principals: ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Releasers_*"]
                      - actions: all
                        principals: ["arn:aws:iam::123456789012:role/OnCall"]
                  lab:
                    cluster: monynha-lab
                    tagPolicy: {any: true}
                    operators: []
                """, "shiplane.yml");

        var operators = config.operators();
        assertThat(operators.lists("staging")).isFalse();
        assertThat(operators.lists("lab")).isTrue();
        assertThat(operators.whoMay("lab").get(dev.shiplane.core.access.OperatorAction.ROLLBACK)).isEmpty();
        assertThat(operators.whoMay("prod").get(dev.shiplane.core.access.OperatorAction.DEPLOY))
                .extracting(p -> p.arn()).containsExactly(
                        "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Releasers_*",
                        "arn:aws:iam::123456789012:role/OnCall");
        assertThat(operators.whoMay("prod").get(dev.shiplane.core.access.OperatorAction.UNFREEZE))
                .extracting(p -> p.arn()).containsExactly("arn:aws:iam::123456789012:role/OnCall");
    }

    @Test
    void aServiceMayDeclareItsOwnTagPolicy_theOthersFollowTheirEnvironments() {
        var config = ConfigLoader.parse(ENV + """
                services:
                  web: {repository: monynha/web, container: web}
                  worker: {repository: monynha/worker, container: worker, tagPolicy: {regex: "[0-9a-f]{40}"}}
                """, "shiplane.yml");

        var web = config.target("staging", "web").orElseThrow();
        var worker = config.target("staging", "worker").orElseThrow();
        assertThat(web.tagPolicy()).isSameAs(config.environment("staging").orElseThrow().tagPolicy());
        assertThat(config.service("web").orElseThrow().tagPolicy()).isNull();
        assertThat(worker.tagPolicyOrigin()).isEqualTo("services.worker.tagPolicy");
        assertThat(worker.tagPolicy().matcher().describe()).contains("[0-9a-f]{40}");
    }

    @Test
    void accountsAreReadPerEnvironment_andAServicesEcrAccountDefaultsToTheFirstEnvironments() {
        var config = ConfigLoader.parse(ACCOUNTS + """
                services:
                  web: {repository: monynha/web, container: web}
                  api: {repository: monynha/api, container: api, ecrAccount: "555555555555"}
                """, "shiplane.yml");

        assertThat(config.namesAccounts()).isTrue();
        assertThat(config.environments()).extracting(e -> e.name() + "@" + e.account())
                .containsExactly("staging@123456789012", "prod@210987654321");
        assertThat(config.ecrAccountOf(config.service("web").orElseThrow())).isEqualTo("123456789012");
        assertThat(config.ecrAccountOf(config.service("api").orElseThrow())).isEqualTo("555555555555");
    }

    @Test
    void aSecretNamedByArn_loadsWhereItsAccountRunsEveryOneOfItsConsumers() {
        var config = ConfigLoader.parse(ARN_SECRET.formatted("210987654321", "[billing]"), "shiplane.yml");

        assertThat(config.rotation().secrets()).extracting(s -> s.name() + "->" + s.consumers())
                .containsExactly("shared->[billing]");
    }

    @Test
    void withoutAccounts_aSecretNamedByArnMayBeConsumedAnywhere() {
        var config = ConfigLoader.parse(ENV + SERVICE.formatted("strategy: rolling") + """
                rotation:
                  secrets:
                    shared: {secretId: "arn:aws:secretsmanager:us-east-1:999999999999:secret:monynha/shared",
                             type: api-key, consumers: [web]}
                """, "shiplane.yml");

        assertThat(config.rotation().secrets()).extracting(s -> s.name()).containsExactly("shared");
    }

    @Test
    void withoutAccounts_nothingNamesOne() {
        var config = ConfigLoader.parse(ENV + SERVICE.formatted("strategy: rolling"), "shiplane.yml");

        assertThat(config.namesAccounts()).isFalse();
        assertThat(config.environment("staging").orElseThrow().account()).isNull();
        assertThat(config.ecrAccountOf(config.service("web").orElseThrow())).isNull();
    }

    @Test
    void keepRevisions_defaultsToFive_orIsTheCountGiven() {
        var config = ConfigLoader.parse(ENV + """
                services:
                  web: {repository: monynha/web, container: web}
                  docs: {repository: monynha/docs, container: docs, keepRevisions: 2}
                """, "shiplane.yml");

        assertThat(config.service("web").orElseThrow().keepRevisions()).isEqualTo(5);
        assertThat(config.service("docs").orElseThrow().keepRevisions()).isEqualTo(2);
    }

    @Test
    void taskRolesAreUnnamedUnlessGiven_andResolvePlaceholdersPerEnvironment() {
        var config = ConfigLoader.parse(ENV + """
                services:
                  web: {repository: monynha/web, container: web}
                  legacy: {repository: monynha/legacy, container: legacy, taskRole: "legacy-{env}",
                           executionRole: "{cluster}-pull"}
                """, "shiplane.yml");
        var staging = config.environment("staging").orElseThrow();

        var web = config.service("web").orElseThrow();
        assertThat(web.taskRoleIn(staging)).isNull();
        assertThat(web.executionRoleIn(staging)).isNull();
        var legacy = config.service("legacy").orElseThrow();
        assertThat(legacy.taskRoleIn(staging)).isEqualTo("legacy-staging");
        assertThat(legacy.executionRoleIn(staging)).isEqualTo("monynha-staging-pull");
    }

    @Test
    void freezeWindowsLoadAsRecurringOrDateRanges() {
        var config = ConfigLoader.parse(ENV + """
                freezes:
                  friday-evenings: {environments: [staging], cron: "* 16-23 * * FRI", timeZone: Europe/Lisbon,
                                    reason: no deploys before the weekend}
                  year-end: {environments: [staging], from: 2026-12-20T00:00, until: 2027-01-02T00:00}
                """, "shiplane.yml");

        assertThat(config.freezes()).extracting(w -> w.name() + " " + w.zone() + " " + (w.cron() != null))
                .containsExactly("friday-evenings Europe/Lisbon true", "year-end UTC false");
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
