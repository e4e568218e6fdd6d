package dev.shiplane.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The settings every delivery function's props share (deploy, canary, rollback), with their defaults in one place;
 * each family's builder extends it with its own settings.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class DeliveryFunctionBuilder<B extends DeliveryFunctionBuilder<B>> {

    Code code;
    DeliveryCore core;
    List<EcsServiceRef> ecsServices = List.of();
    int memorySize = ImagePushDeployProps.DEFAULT_MEMORY_MB;
    Duration timeout;
    Duration leaseDuration = Duration.seconds(120);
    RetentionDays logRetention = RetentionDays.ONE_MONTH;
    String logLevel = "INFO";

    DeliveryFunctionBuilder(Duration defaultTimeout) {
        this.timeout = defaultTimeout;
    }

    abstract B self();

    public B code(Code code) {
        this.code = code;
        return self();
    }

    public B core(DeliveryCore core) {
        this.core = core;
        return self();
    }

    public B ecsServices(List<EcsServiceRef> ecsServices) {
        this.ecsServices = ecsServices;
        return self();
    }

    public B memorySize(int memorySize) {
        this.memorySize = memorySize;
        return self();
    }

    public B timeout(Duration timeout) {
        this.timeout = timeout;
        return self();
    }

    public B leaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
        return self();
    }

    public B logRetention(RetentionDays logRetention) {
        this.logRetention = logRetention;
        return self();
    }

    public B logLevel(String logLevel) {
        this.logLevel = logLevel;
        return self();
    }
}
