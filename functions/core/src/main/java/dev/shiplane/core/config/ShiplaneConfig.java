package dev.shiplane.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole of {@code shiplane.yml}, already checked: every service names known environments and every
 * environment has a cluster. Built by the contract module's loader, which reports every problem at once.
 */
public record ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services) {

    public ShiplaneConfig {
        environments = List.copyOf(environments);
        services = List.copyOf(services);
        var problems = problems(environments, services);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The environment and service that an ECS service in a cluster belongs to, if shiplane manages it. */
    public Optional<Target> targetOfEcsService(String cluster, String ecsService) {
        for (var env : environments) {
            if (!env.cluster().equals(cluster)) continue;
            for (var svc : services) {
                if (svc.ecsService().equals(ecsService) && svc.environments().contains(env.name())) {
                    return Optional.of(new Target(env, svc));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> problems(List<EnvironmentSpec> environments, List<ServiceSpec> services) {
        List<String> problems = new ArrayList<>();
        if (environments.isEmpty()) problems.add("environments: at least one environment is required");
        for (var env : environments) {
            if (env.cluster() == null || env.cluster().isBlank()) {
                problems.add("environments." + env.name() + ".cluster: missing (the ECS cluster name)");
            }
            if (env.tagPolicy() == null) {
                problems.add("environments." + env.name() + ".tagPolicy: missing (set one of semver, glob, regex"
                        + " or any: true)");
            }
        }
        var known = environments.stream().map(EnvironmentSpec::name).toList();
        for (var svc : services) {
            String at = "services." + svc.name();
            if (svc.repositories().isEmpty()) problems.add(at + ".repositories: at least one repository is required");
            if (svc.container() == null || svc.container().isBlank()) {
                problems.add(at + ".container: missing (the container whose image is replaced)");
            }
            for (var envName : svc.environments()) {
                if (!known.contains(envName)) {
                    problems.add(at + ".environments: unknown environment '" + envName + "' (known: " + known + ")");
                }
            }
        }
        for (int i = 0; i < environments.size(); i++) {
            for (int j = i + 1; j < environments.size(); j++) {
                if (environments.get(i).name().equals(environments.get(j).name())) {
                    problems.add("environments: '" + environments.get(i).name() + "' is declared twice");
                }
            }
        }
        return problems;
    }
}
