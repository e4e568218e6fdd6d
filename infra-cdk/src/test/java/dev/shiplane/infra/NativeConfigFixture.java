package dev.shiplane.infra;

import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * A platform config with every kind of service: {@code web} on ECS's engine (canary 10 → 100), {@code search} on it
 * linearly, {@code admin} blue-green, {@code api} as two colours on the shiplane engine and {@code docs} rolling;
 * prod asks for an approval, so only services on ECS's engine run there (shiplane refuses the others). {@link #config} takes replacements of its text, for before/after synths.
 */
final class NativeConfigFixture {

    static final String YAML = """
            environments:
              staging:
                cluster: monynha-staging
                tagPolicy: {any: true}
                platform:
                  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/0f6c2b1e-3d4a-4b5c-8e9f-a1b2c3d4e5f6
                  domain: origin.staging.monynha.dev
                  natGateways: 1
                  tasks:
                    default: {cpu: 256, memory: 512, desiredCount: 1}
                    web: {paths: ["/*"]}
                  logRetentionDays: 14
              prod:
                cluster: monynha-prod
                tagPolicy: {semver: ">=1.0.0"}
                approval: required
                approvalTimeout: 4h
                platform:
                  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d
                  domain: origin.monynha.dev
                  natGateways: 3
                  database: {instanceClass: r6g.large, storageGb: 100, multiAz: true, backupDays: 14}
                  tasks:
                    default: {cpu: 512, memory: 1024, desiredCount: 2}
                    web: {cpu: 1024, memory: 2048, desiredCount: 3, paths: ["/*"]}
                  logRetentionDays: 90
            services:
              web:
                repositories: [monynha/web]
                container: web
                engine: ecs
                strategy: canary
                steps: [10, 100]
                bake: 5m
                alarms: ["{env}-{service}-5xx", "{env}-{service}-unhealthy-hosts"]
              search:
                repositories: [monynha/search]
                container: search
                engine: ecs
                strategy: linear
                linear: {increment: 25, every: 3m}
                environments: [prod]
              admin:
                repositories: [monynha/admin]
                container: admin
                engine: ecs
                strategy: blue-green
                bake: 15m
                environments: [prod]
              api:
                repositories: [monynha/api]
                container: api
                strategy: canary
                steps: [10, 50, 100]
                environments: [staging]
              docs:
                repositories: [monynha/docs]
                container: docs
                alarms: ["{env}-{service}-5xx"]
                environments: [staging]
            """;

    private NativeConfigFixture() {}

    /** The config, with each key of {@code replacements} in its text replaced by its value (each must occur). */
    static InfraConfig config(Map<String, String> replacements) {
        var yaml = YAML;
        for (var e : replacements.entrySet()) {
            if (!yaml.contains(e.getKey())) throw new IllegalArgumentException("not in the fixture: " + e.getKey());
            yaml = yaml.replace(e.getKey(), e.getValue());
        }
        return InfraConfig.parse(yaml, "native.yml");
    }

    static InfraConfig config() {
        return config(Map.of());
    }

    /** The ServiceInfra stack of {@code env}, synthesized in an app of its own. */
    static Template platform(InfraConfig config, String env) {
        var stack = new ServiceInfraStack(new App(), ServicePlatformProps.of(config, env));
        return Template.fromStack(stack);
    }
}
