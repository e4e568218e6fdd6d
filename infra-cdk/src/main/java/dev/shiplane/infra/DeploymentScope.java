package dev.shiplane.infra;

import dev.shiplane.core.config.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one delivery stack listens to and may deploy, read off {@code shiplane.yml}: the ECR repositories whose
 * pushes start a deployment, the ECS services the delivery functions may update and the gate alarms whose
 * {@code ALARM} starts a rollback.
 *
 * @param ecrRepositories ECR repository names, sorted; GHCR images ({@code ghcr.io/...}) are left out because
 *                        their pushes arrive through the webhook bridge as {@code Image Pushed}, not from ECR
 * @param ecsServices     every (cluster, ECS service) pair the config deploys, in config order; both colours'
 *                        services of a progressive (canary, linear, blue-green) service
 * @param alarmNames      every gate alarm of every service in every environment, placeholders resolved, sorted
 * @param checkedEnvironments environments where some service declares health or smoke checks, each getting a checks
 *                        function; in config order
 * @param nativeServices  the (cluster, ECS service) pairs of services on ECS's engine, in config order: what the
 *                        hooks function and ECS's engine act on
 * @param platformEnvironments environments with a {@code platform} block, whose ServiceInfra stacks' updates the
 *                        deploy function hears; in config order
 * @param taskRoles       every service's task and execution roles in every environment ({@link #passableRole}), sorted: the
 *                        roles the deploy function may pass to the revisions it registers
 * @param servedEnvironments the environments the stack serves, in config order: its functions act for these only
 *                        ({@code SHIPLANE_SERVED_ENVIRONMENTS})
 * @param ecrRegistries   the account holding each of {@link #ecrRepositories} that another account than the stack's
 *                        holds ({@code services.<svc>.ecrAccount}); empty in one account
 */
record DeploymentScope(List<String> ecrRepositories, List<EcsServiceRef> ecsServices, List<String> alarmNames,
                       List<CheckedEnvironment> checkedEnvironments, List<EcsServiceRef> nativeServices,
                       List<String> platformEnvironments, List<String> taskRoles, List<String> servedEnvironments,
                       Map<String, String> ecrRegistries) {

    /** @param platformVpc the environment has a platform block: its checks function runs in that VPC */
    record CheckedEnvironment(String name, boolean platformVpc) {}

    /** Without checks. */
    DeploymentScope(List<String> ecrRepositories, List<EcsServiceRef> ecsServices, List<String> alarmNames) {
        this(ecrRepositories, ecsServices, alarmNames, List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    static final String GHCR_PREFIX = "ghcr.io/";

    /**
     * The role (an IAM resource name, maybe a pattern) a service's revisions may be given: the one shiplane.yml
     * names; else, where a shiplane platform stack made the service, its roles, whose names CloudFormation generates
     * after the stack's ({@code ShiplaneServiceInfra-<env>-…}); else any role (a service made elsewhere whose roles
     * shiplane.yml does not name), still only towards ECS tasks.
     */
    static String passableRole(String named, String environment, boolean platformStack) {
        if (named != null) return named;
        return platformStack ? ServiceInfraStack.nameFor(environment) + "-*" : "*";
    }

    DeploymentScope {
        ecrRepositories = List.copyOf(ecrRepositories);
        ecsServices = List.copyOf(ecsServices);
        alarmNames = List.copyOf(alarmNames);
        checkedEnvironments = List.copyOf(checkedEnvironments);
        nativeServices = List.copyOf(nativeServices);
        platformEnvironments = List.copyOf(platformEnvironments);
        taskRoles = List.copyOf(taskRoles);
        servedEnvironments = List.copyOf(servedEnvironments);
        ecrRegistries = Map.copyOf(ecrRegistries);
        alarmNames.forEach(AwsNames::requireAlarmName);
    }

    /** The clusters of {@link #ecsServices()}, sorted: the ones whose ECS events the rules hear. */
    List<String> clusters() {
        return ecsServices.stream().map(EcsServiceRef::cluster).distinct().sorted().toList();
    }

    /**
     * @param onlyEnvironment when present, only this environment's services (the CDK context {@code env}); an
     *                        unknown name fails rather than producing a stack that deploys nothing
     */
    static DeploymentScope of(InfraConfig infra, Optional<String> onlyEnvironment) {
        return of(infra, onlyEnvironment, Optional.empty());
    }

    /**
     * @param account when present, only the environments shiplane.yml places in this account: what the account's
     *                delivery stack serves
     */
    static DeploymentScope of(InfraConfig infra, Optional<String> onlyEnvironment, Optional<String> account) {
        var config = infra.shiplane();
        var accounts = infra.accounts();
        List<EnvironmentSpec> environments = onlyEnvironment
                .map(name -> List.of(config.environment(name).orElseThrow(() -> new IllegalArgumentException(
                        "environment '" + name + "' (CDK context env) is not in shiplane.yml; known: "
                                + config.environments().stream().map(EnvironmentSpec::name).toList()))))
                .orElse(config.environments()).stream()
                .filter(env -> account.map(a -> accounts.accountOf(env.name()).orElseThrow().equals(a)).orElse(true))
                .toList();
        var registries = new TreeMap<String, String>();
        var repositories = new TreeSet<String>();
        var services = new ArrayList<EcsServiceRef>();
        var alarms = new TreeSet<String>();
        var checked = new ArrayList<CheckedEnvironment>();
        var nativeServices = new ArrayList<EcsServiceRef>();
        var platforms = new ArrayList<String>();
        var taskRoles = new TreeSet<String>();
        for (var env : environments) {
            if (infra.platform(env.name()).isPresent()) platforms.add(env.name());
            if (config.services().stream().anyMatch(s -> s.environments().contains(env.name()) && !s.checks().isEmpty())) {
                checked.add(new CheckedEnvironment(env.name(), infra.platform(env.name()).isPresent()));
            }
            for (var svc : config.services()) {
                if (!svc.environments().contains(env.name())) continue;
                svc.ecsServicesIn(env).forEach(name -> services.add(new EcsServiceRef(env.cluster(), name)));
                if (svc.onEcsEngine()) nativeServices.add(new EcsServiceRef(env.cluster(), svc.ecsService()));
                svc.repositories().stream().filter(r -> !r.startsWith(GHCR_PREFIX)).forEach(repository -> {
                    repositories.add(repository);
                    var registry = accounts.named() ? accounts.registryOf(svc.name()) : null;
                    if (account.isPresent() && !account.get().equals(registry)) registries.put(repository, registry);
                });
                alarms.addAll(svc.alarmsIn(env));
                var platformStack = infra.platform(env.name()).isPresent();
                taskRoles.add(passableRole(svc.taskRoleIn(env), env.name(), platformStack));
                taskRoles.add(passableRole(svc.executionRoleIn(env), env.name(), platformStack));
            }
        }
        return new DeploymentScope(new ArrayList<>(repositories), services.stream().distinct().toList(),
                new ArrayList<>(alarms), checked, nativeServices.stream().distinct().toList(), platforms,
                new ArrayList<>(taskRoles), environments.stream().map(EnvironmentSpec::name).toList(), registries);
    }

    /** The repositories of {@link #ecrRepositories} the stack's own account holds, sorted: ECR's events are its own. */
    List<String> ownEcrRepositories() {
        return ecrRepositories.stream().filter(r -> !ecrRegistries.containsKey(r)).toList();
    }
}
