package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.InvalidConfigException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optional {@code platform} block of an environment: what the ServiceInfra stack is built from, read and checked by
 * the app itself ({@link InfraConfig}); the functions' loader skips it.
 */
class PlatformConfigTest {

    private static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0f6c2b1e-3d4a";

    private static String config(String platform) {
        return """
                environments:
                  staging:
                    cluster: monynha-staging
                    tagPolicy: {any: true}
                    platform:
                %s
                services:
                  web: {repository: monynha/web, container: web}
                  api: {repository: monynha/api, container: api}
                """.formatted(platform.indent(6).stripTrailing());
    }

    @Test
    void repositoryConfig_sizesStagingSmall_andProtectsProd() {
        var config = InfraConfig.load(RepositoryLayout.locate().configFile());

        var staging = config.platform("staging").orElseThrow();
        var prod = config.platform("prod").orElseThrow();
        assertThat(staging.natGateways()).isEqualTo(1);
        assertThat(staging.database().multiAz()).isFalse();
        assertThat(staging.database().deletionProtection()).isFalse();
        assertThat(prod.natGateways()).isEqualTo(3);
        assertThat(prod.database().multiAz()).isTrue();
        assertThat(prod.database().deletionProtection()).isTrue();
        assertThat(prod.task("web").cpu()).isGreaterThan(staging.task("web").cpu());
    }

    @Test
    void absentValues_takeTheDefaults_andServicesInheritTheDefaultTaskButNotItsPaths() {
        var platform = InfraConfig.parse(config("""
                certificateArn: %s
                domain: origin.example.com
                tasks:
                  default: {cpu: 512, memory: 1024, desiredCount: 2, paths: ["/*"]}
                  web: {desiredCount: 4}
                """.formatted(CERTIFICATE)), "shiplane.yml").platform("staging").orElseThrow();

        assertThat(platform.natGateways()).isEqualTo(PlatformSpec.DEFAULT_NAT_GATEWAYS);
        assertThat(platform.database()).isEqualTo(PlatformSpec.Database.DEFAULT);
        assertThat(platform.cache()).isEqualTo(PlatformSpec.Cache.DEFAULT);
        assertThat(platform.logRetentionDays()).isEqualTo(30);
        assertThat(platform.task("web")).isEqualTo(new PlatformSpec.Task(512, 1024, 4, 8080, "/health", List.of()));
        assertThat(platform.task("api").desiredCount()).isEqualTo(2);
        assertThat(platform.task("web").pathsFor("web")).containsExactly("/web/*");
        assertThat(platform.region()).isEqualTo("eu-west-1");
        assertThat(platform.account()).isEqualTo("123456789012");
        assertThat(platform.availabilityZones()).isEmpty();
        assertThat(platform.synthetics()).isEqualTo(new PlatformSpec.Synthetics(true, "15m"));
    }

    @Test
    void syntheticCheck_runsAsOftenAsTheBlockSays_orNotAtAll() {
        var platform = "certificateArn: " + CERTIFICATE + "\ndomain: origin.example.com\n";

        var every5 = InfraConfig.parse(config(platform + "synthetics: {every: 5m}"), "shiplane.yml")
                .platform("staging").orElseThrow().synthetics();
        var off = InfraConfig.parse(config(platform + "synthetics: {enabled: false}"), "shiplane.yml")
                .platform("staging").orElseThrow().synthetics();

        assertThat(every5.interval()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(every5.enabled()).isTrue();
        assertThat(off.enabled()).isFalse();
        assertThat(off.every()).isEqualTo("15m");
    }

    @Test
    void environmentWithoutPlatformBlock_hasNoPlatform() {
        var config = InfraConfig.parse("""
                environments:
                  staging: {cluster: c, tagPolicy: {any: true}}
                services:
                  web: {repository: monynha/web, container: web}
                """, "shiplane.yml");

        assertThat(config.platform("staging")).isEmpty();
    }

    static Stream<Arguments> invalid() {
        var valid = "certificateArn: " + CERTIFICATE + "\ndomain: origin.example.com\n";
        return Stream.of(
                Arguments.of("no certificate", "domain: origin.example.com",
                        "environments.staging.platform.certificateArn: missing"),
                Arguments.of("a certificate ARN of another service", valid.replace(":acm:", ":iam:"),
                        "is not an ACM certificate ARN"),
                Arguments.of("an upper-case domain", valid.replace("origin.example.com", "Origin.Example.com"),
                        "platform.domain: 'Origin.Example.com' is not a lower-case DNS name"),
                Arguments.of("more NAT gateways than AZs", valid + "natGateways: 4", "platform.natGateways: 4"),
                Arguments.of("two AZs", valid + "availabilityZones: [eu-west-1a, eu-west-1b]",
                        "platform.availabilityZones: [eu-west-1a, eu-west-1b] must be three AZ names"),
                Arguments.of("a CPU size Fargate does not have", valid + "tasks: {web: {cpu: 300, memory: 512}}",
                        "platform.tasks.web: cpu 300 is not a Fargate size"),
                Arguments.of("memory that does not fit the CPU", valid + "tasks: {web: {cpu: 256, memory: 4096}}",
                        "platform.tasks.web: memory 4096 MiB does not fit cpu 256"),
                Arguments.of("a task size for an unknown service", valid + "tasks: {worker: {cpu: 256}}",
                        "platform.tasks.worker: unknown service"),
                Arguments.of("a retention CloudWatch does not offer", valid + "logRetentionDays: 10",
                        "platform.logRetentionDays: 10"),
                Arguments.of("a database class with the db. prefix", valid + "database: {instanceClass: db.t4g.micro}",
                        "platform.database.instanceClass: 'db.t4g.micro'"),
                Arguments.of("a cache node type without cache.", valid + "cache: {nodeType: t4g.micro}",
                        "platform.cache.nodeType: 't4g.micro'"),
                Arguments.of("a typo in a key, on its line", valid + "natGateway: 1",
                        "shiplane.yml: line 8: unknown key 'environments.staging.platform.natGateway' (known: availabilityZones,"
                                + " cache, certificateArn, database, domain, logRetentionDays, natGateways, synthetics, tasks)"),
                Arguments.of("a synthetic check every 90 seconds", valid + "synthetics: {every: 90s}",
                        "platform.synthetics.every: 90s is not a whole number of minutes from 1m to 60m"),
                Arguments.of("a synthetic check less often than hourly", valid + "synthetics: {every: 2h}",
                        "platform.synthetics.every: 2h is not a whole number of minutes"),
                Arguments.of("a synthetic check's interval that is no duration", valid + "synthetics: {every: often}",
                        "platform.synthetics.every: 'often' is not a duration"),
                Arguments.of("a typo in the synthetic check", valid + "synthetics: {evrey: 5m}",
                        "unknown key 'environments.staging.platform.synthetics.evrey' (known: enabled, every)"),
                Arguments.of("a YAML 1.1 hexadecimal number, on its line", valid + "natGateways: 0x1F",
                        "shiplane.yml: line 8: environments.staging.platform.natGateways: expected a whole number,"
                                + " found '0x1F'"),
                Arguments.of("a number where true or false belongs", valid + "database: {multiAz: 1}",
                        "shiplane.yml: line 8: environments.staging.platform.database.multiAz: expected true or false,"
                                + " found '1'"),
                Arguments.of("a key written twice", valid + "domain: other.example.com",
                        "shiplane.yml: line 8: duplicate key 'environments.staging.platform.domain'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidPlatform_isRefusedWithItsPath(String description, String platform, String expectedMessage) {
        assertThatThrownBy(() -> InfraConfig.parse(config(platform), "shiplane.yml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(expectedMessage);
    }
}
