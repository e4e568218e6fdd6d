package dev.shiplane.contract.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The {@code platform} block of an environment is the CDK app's, which reads and checks it (infra-cdk's
 * {@code InfraConfig}): the functions' loader accepts any block and takes only what the functions use from it.
 */
class PlatformBlockTest {

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
    void aBlockTheAppWouldRefuse_isAcceptedAndIgnored() {
        var config = ConfigLoader.parse(config("""
                certificateArn: not-an-arn
                natGateway: 7
                database: {instanceClass: db.t4g.micro, multiAz: 1}
                tasks: {worker: {cpu: 300, memory: lots}}
                """), "shiplane.yml");

        assertThat(config.environment("staging")).isPresent();
        assertThat(config.environment("staging").orElseThrow().checkEndpoint()).isNull();
    }

    @Test
    void theDomain_isWhereTheChecksGoWithoutACheckEndpoint() {
        var config = ConfigLoader.parse(config("domain: origin.example.com"), "shiplane.yml");

        assertThat(config.environment("staging").orElseThrow().checkEndpoint()).isEqualTo("https://origin.example.com");
    }

    @Test
    void desiredCounts_sizeTheLiveColour_aServiceWithoutOneTakesTheDefaultEntrys() {
        var config = ConfigLoader.parse(config("""
                tasks:
                  default: {cpu: 512, memory: 1024, desiredCount: 2}
                  web: {desiredCount: 4}
                """), "shiplane.yml");

        assertThat(config.liveTaskCount("staging", "web")).contains(4);
        assertThat(config.liveTaskCount("staging", "api")).contains(2);
    }

    @Test
    void withoutDesiredCounts_theLiveColourRunsOneTask_andWithoutABlockShiplaneSizesNothing() {
        var sized = ConfigLoader.parse(config("domain: origin.example.com"), "shiplane.yml");
        var unsized = ConfigLoader.parse("""
                environments:
                  staging: {cluster: c, tagPolicy: {any: true}}
                services:
                  web: {repository: monynha/web, container: web}
                """, "shiplane.yml");

        assertThat(sized.liveTaskCount("staging", "web")).contains(1);
        assertThat(unsized.liveTaskCount("staging", "web")).isEmpty();
    }
}
