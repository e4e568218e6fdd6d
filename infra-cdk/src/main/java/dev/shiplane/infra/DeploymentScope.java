package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one delivery stack listens to and may deploy, read off {@code shiplane.yml}: the ECR repositories whose
 * pushes start a deployment and the ECS services the deploy function may update.
 *
 * @param ecrRepositories ECR repository names, sorted; GHCR images ({@code ghcr.io/...}) are left out because
 *                        their pushes arrive through the webhook bridge as {@code Image Pushed}, not from ECR
 * @param ecsServices     every (cluster, ECS service) pair the config deploys, in config order
 */
record DeploymentScope(List<String> ecrRepositories, List<EcsServiceRef> ecsServices) {

    static final String GHCR_PREFIX = "ghcr.io/";

    DeploymentScope {
        ecrRepositories = List.copyOf(ecrRepositories);
        ecsServices = List.copyOf(ecsServices);
    }

    /**
     * @param onlyEnvironment when present, only this environment's services (the CDK context {@code env}); an
     *                        unknown name fails rather than producing a stack that deploys nothing
     */
    static DeploymentScope of(ShiplaneConfig config, Optional<String> onlyEnvironment) {
        List<EnvironmentSpec> environments = onlyEnvironment
                .map(name -> List.of(config.environment(name).orElseThrow(() -> new IllegalArgumentException(
                        "environment '" + name + "' (CDK context env) is not in shiplane.yml; known: "
                                + config.environments().stream().map(EnvironmentSpec::name).toList()))))
                .orElse(config.environments());
        var repositories = new TreeSet<String>();
        var services = new ArrayList<EcsServiceRef>();
        for (var env : environments) {
            for (var svc : config.services()) {
                if (!svc.environments().contains(env.name())) continue;
                services.add(new EcsServiceRef(env.cluster(), svc.ecsService()));
                svc.repositories().stream().filter(r -> !r.startsWith(GHCR_PREFIX)).forEach(repositories::add);
            }
        }
        return new DeploymentScope(new ArrayList<>(repositories), services.stream().distinct().toList());
    }
}
