package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link ServicePlatform}: one environment of {@code shiplane.yml} with its {@code platform} block.
 * Build with {@link #of} or {@link #builder()}; {@code build()} rejects a value that would deploy something
 * shiplane cannot find at run time, with a message naming it.
 *
 * @param environment the environment: its cluster name becomes the ECS cluster's. Required.
 * @param services    the services running in it, in configuration order; a progressive one gets both colours.
 *                    Required, at least one.
 * @param platform    sizes and protection (VPC, load balancer certificate, database, cache, tasks). Required.
 */
public record ServicePlatformProps(EnvironmentSpec environment, List<ServiceSpec> services, PlatformSpec platform,
                                   Map<String, String> ecrRegistries) {

    /** The most path patterns one ALB listener rule takes (all its conditions together). */
    static final int MAX_PATHS_PER_RULE = 5;

    public ServicePlatformProps {
        Objects.requireNonNull(environment, "environment is required");
        Objects.requireNonNull(platform, "platform is required (the environment's platform block in shiplane.yml)");
        services = List.copyOf(services);
        ecrRegistries = ecrRegistries == null ? Map.of() : Map.copyOf(ecrRegistries);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("services is empty: environment '" + environment.name()
                    + "' would get a platform running nothing");
        }
        AwsNames.requireEcsName("cluster", environment.cluster());
        var pathOwners = new HashMap<String, String>();
        for (var svc : services) {
            if (!svc.environments().contains(environment.name())) {
                throw new IllegalArgumentException("service '" + svc.name() + "' does not run in environment '"
                        + environment.name() + "'");
            }
            svc.ecsServicesIn(environment).forEach(name -> AwsNames.requireEcsName("ECS service", name));
            if (svc.twoColours()) {
                var colours = svc.colours(environment);
                AwsNames.requireTargetGroupName(colours.blueTargetGroup());
                AwsNames.requireTargetGroupName(colours.greenTargetGroup());
            }
            svc.alarmsIn(environment).forEach(AwsNames::requireAlarmName);
            var paths = platform.task(svc.name()).pathsFor(svc.name());
            if (paths.size() > MAX_PATHS_PER_RULE) {
                throw new IllegalArgumentException("service '" + svc.name() + "' has " + paths.size() + " paths; an"
                        + " ALB listener rule takes at most " + MAX_PATHS_PER_RULE);
            }
            for (var path : paths) {
                var other = pathOwners.putIfAbsent(path, svc.name());
                if (other != null) {
                    throw new IllegalArgumentException("path '" + path + "' is routed to both '" + other + "' and '"
                            + svc.name() + "' in environment '" + environment.name() + "'");
                }
            }
        }
    }

    /**
     * The platform of {@code envName} as {@code shiplane.yml} describes it.
     *
     * @throws IllegalArgumentException if the environment is unknown or has no platform block
     */
    public static ServicePlatformProps of(InfraConfig infra, String envName) {
        var config = infra.shiplane();
        var env = config.environment(envName).orElseThrow(() -> new IllegalArgumentException(
                "environment '" + envName + "' is not in shiplane.yml"));
        var platform = infra.platform(envName).orElseThrow(() -> new IllegalArgumentException(
                "environment '" + envName + "' has no platform block in shiplane.yml"));
        var services = config.services().stream().filter(s -> s.environments().contains(envName)).toList();
        var registries = new java.util.HashMap<String, String>();
        infra.accounts().accountOf(envName).ifPresent(account -> services.forEach(s -> {
            var registry = infra.accounts().registryOf(s.name());
            if (!registry.equals(account)) registries.put(s.name(), registry);
        }));
        return builder().environment(env).services(services).platform(platform).ecrRegistries(registries).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServicePlatformProps}. */
    public static final class Builder {
        private EnvironmentSpec environment;
        private List<ServiceSpec> services = List.of();
        private PlatformSpec platform;
        private Map<String, String> ecrRegistries = Map.of();

        private Builder() {}

        public Builder environment(EnvironmentSpec environment) {
            this.environment = environment;
            return this;
        }

        public Builder services(List<ServiceSpec> services) {
            this.services = services;
            return this;
        }

        public Builder platform(PlatformSpec platform) {
            this.platform = platform;
            return this;
        }

        /** The account holding a service's ECR repositories, for those another account holds. Default: none. */
        public Builder ecrRegistries(Map<String, String> ecrRegistries) {
            this.ecrRegistries = ecrRegistries;
            return this;
        }

        public ServicePlatformProps build() {
            return new ServicePlatformProps(environment, services, platform, ecrRegistries);
        }
    }
}
