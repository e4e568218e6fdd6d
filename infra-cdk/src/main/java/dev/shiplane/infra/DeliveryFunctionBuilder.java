package dev.shiplane.infra;

import java.util.List;
import software.amazon.awscdk.Duration;

/**
 * The settings every delivery function's props share (deploy, canary, rollback) on top of {@link FunctionBuilder}'s:
 * shiplane's core (bus, ledger, schedule group), the ECS services they may update and their lease; each family's
 * builder extends it with its own settings.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class DeliveryFunctionBuilder<B extends DeliveryFunctionBuilder<B>> extends FunctionBuilder<B> {

    DeliveryCore core;
    List<EcsServiceRef> ecsServices = List.of();
    Duration leaseDuration = Duration.seconds(120);

    DeliveryFunctionBuilder(Duration defaultTimeout) {
        super(ImagePushDeployProps.DEFAULT_MEMORY_MB, defaultTimeout);
    }

    public B core(DeliveryCore core) {
        this.core = core;
        return self();
    }

    public B ecsServices(List<EcsServiceRef> ecsServices) {
        this.ecsServices = ecsServices;
        return self();
    }

    public B leaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
        return self();
    }
}
