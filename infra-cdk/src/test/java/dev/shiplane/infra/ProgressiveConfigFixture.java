package dev.shiplane.infra;

import dev.shiplane.core.config.ShiplaneConfig;
import java.util.Optional;
import java.util.function.BiConsumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * A config with a canary service ({@code web}, two colours per environment) beside a rolling one ({@code api},
 * prod only), and the stack its delivery constructs are tested in.
 */
final class ProgressiveConfigFixture {

    static final InfraConfig INFRA = InfraConfig.parse("""
            environments:
              staging: {cluster: stage-c, tagPolicy: {any: true}}
              prod: {cluster: prod-c, tagPolicy: {semver: ">=1.0.0"}}
            services:
              web:
                repository: team/web
                container: web
                strategy: canary
                alarms: ["{env}-{service}-5xx", "{env}-{service}-health"]
              api:
                repository: team/api
                container: api
                alarms: ["{cluster}-api-p99"]
                environments: [prod]
            """, "progressive.yml");

    static final ShiplaneConfig CONFIG = INFRA.shiplane();
    static final DeploymentScope SCOPE = DeploymentScope.of(INFRA, Optional.empty());

    private ProgressiveConfigFixture() {}

    /** A bare stack with {@link DeliveryCore} ({@code Core}) and whatever {@code addConstruct} adds. */
    static Template synth(BiConsumer<Stack, DeliveryCore> addConstruct) {
        var stack = new Stack(new App(), "Test");
        var core = new DeliveryCore(stack, "Core", DeliveryCoreProps.builder().build());
        addConstruct.accept(stack, core);
        return Template.fromStack(stack);
    }
}
