package dev.shiplane.core.config;

import dev.shiplane.core.access.OperatorRules;
import dev.shiplane.core.freeze.FreezeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of {@code shiplane.yml}, already checked: every service names known environments and every
 * environment has a cluster. Built by the contract module's loader, which reports every problem at once.
 *
 * @param liveTaskCounts the live colour's task counts of each environment whose {@code platform} block sizes its
 *                       services, by environment name (the rest of that block is the CDK app's; see
 *                       {@link #liveTaskCount})
 * @param freezes        calendar freeze windows ({@code freezes:}); a push into a frozen environment is skipped
 * @param operators      who may request what in each environment that lists its operators
 * @param served         the environments the delivery stack reading this acts for ({@link #servedOnly}): the
 *                       targets it finds are theirs; every environment as read from the file
 */
public record ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services, RotationSpec rotation,
                             Map<String, LiveTaskCounts> liveTaskCounts, List<FreezeWindow> freezes,
                             OperatorRules operators, ServedEnvironments served) {

    public ShiplaneConfig {
        served = served == null ? ServedEnvironments.all() : served;
        environments = List.copyOf(environments);
        services = List.copyOf(services);
        rotation = rotation == null ? RotationSpec.none() : rotation;
        liveTaskCounts = liveTaskCounts == null ? Map.of() : Map.copyOf(liveTaskCounts);
        freezes = freezes == null ? List.of() : List.copyOf(freezes);
        operators = operators == null ? OperatorRules.none() : operators;
        var problems = problems(environments, services);
        problems.addAll(rotationProblems(rotation, services));
        var envNames = environments.stream().map(EnvironmentSpec::name).toList();
        for (var env : liveTaskCounts.keySet()) {
            if (!envNames.contains(env)) problems.add("environments." + env + ".platform: unknown environment");
        }
        problems.addAll(checkProblems(environments, services));
        problems.addAll(AccountProblems.of(environments, services));
        problems.addAll(AccountProblems.ofSecrets(environments, services, rotation));
        problems.addAll(approvalProblems(environments, services));
        for (var window : freezes) {
            window.environments().stream().filter(e -> !envNames.contains(e)).forEach(e -> problems.add(
                    "freezes." + window.name() + ".environments: unknown environment '" + e + "'"));
        }
        for (var env : operators.byEnvironment().keySet()) {
            if (!envNames.contains(env)) problems.add("environments." + env + ".operators: unknown environment");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** As read from the file: serving every environment. */
    public ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services, RotationSpec rotation,
                          Map<String, LiveTaskCounts> liveTaskCounts, List<FreezeWindow> freezes,
                          OperatorRules operators) {
        this(environments, services, rotation, liveTaskCounts, freezes, operators, ServedEnvironments.all());
    }

    /** Without operator lists: every environment admits shiplane's own account. */
    public ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services, RotationSpec rotation,
                          Map<String, LiveTaskCounts> liveTaskCounts, List<FreezeWindow> freezes) {
        this(environments, services, rotation, liveTaskCounts, freezes, OperatorRules.none());
    }

    /** Without freeze windows. */
    public ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services, RotationSpec rotation,
                          Map<String, LiveTaskCounts> liveTaskCounts) {
        this(environments, services, rotation, liveTaskCounts, List.of());
    }

    /** Without task counts. */
    public ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services, RotationSpec rotation) {
        this(environments, services, rotation, Map.of());
    }

    /** Without secrets to rotate. */
    public ShiplaneConfig(List<EnvironmentSpec> environments, List<ServiceSpec> services) {
        this(environments, services, RotationSpec.none());
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The environment and service that an ECS service in a cluster belongs to, if shiplane manages it: the service
     * itself for rolling services, either colour's service for progressive ones.
     */
    public Optional<Target> targetOfEcsService(String cluster, String ecsService) {
        for (var env : environments) {
            if (!env.cluster().equals(cluster) || !served.serves(env.name())) continue;
            for (var svc : services) {
                if (!svc.environments().contains(env.name())) continue;
                var names = svc.ecsServicesIn(env);
                if (names.contains(ecsService)) {
                    return Optional.of(new Target(env, svc));
                }
            }
        }
        return Optional.empty();
    }

    /** Every service that lists {@code alarmName} among its alarms, in the environment the name resolves for. */
    public List<Target> targetsOfAlarm(String alarmName) {
        List<Target> targets = new ArrayList<>();
        for (var env : environments) {
            if (!served.serves(env.name())) continue;
            for (var svc : services) {
                if (svc.environments().contains(env.name()) && svc.alarmsIn(env).contains(alarmName)) {
                    targets.add(new Target(env, svc));
                }
            }
        }
        return targets;
    }

    /** Every service running in {@code env}, in configuration order. */
    public List<Target> targetsIn(String env) {
        return environment(env).filter(e -> served.serves(env)).map(e -> services.stream().filter(s -> s.environments().contains(env))
                .map(s -> new Target(e, s)).toList()).orElse(List.of());
    }

    /** The service {@code name} in environment {@code env}, if it runs there. */
    public Optional<Target> target(String env, String name) {
        return environment(env).filter(e -> served.serves(env)).flatMap(e -> service(name).filter(s -> s.environments().contains(env))
                .map(s -> new Target(e, s)));
    }

    /** The task count of {@code service}'s live colour in {@code env}, if a {@code platform} block sizes it. */
    public Optional<Integer> liveTaskCount(String env, String service) {
        return Optional.ofNullable(liveTaskCounts.get(env)).map(counts -> counts.of(service));
    }

    /**
     * This configuration as one delivery stack acts on it: the targets it finds (of a push, an ECS service, an alarm,
     * an environment) are in the environments {@code served} only (the others' are their own account's stack's to
     * deploy, roll back and check), and only the secrets rotated here are kept ({@link #rotatedBy}). Environments and
     * services stay as declared, so accounts, promotion sources and where a service runs can still be read.
     */
    public ShiplaneConfig servedOnly(ServedEnvironments served) {
        if (served.names() == null) return this;
        var secrets = rotation.secrets().stream().filter(secret -> rotatedBy(secret, served)).toList();
        return new ShiplaneConfig(environments, services, new RotationSpec(rotation.schedule(), secrets),
                liveTaskCounts, freezes, operators, served);
    }

    /**
     * Whether the delivery stack serving {@code served} rotates {@code secret} (the CDK app places the rotation
     * function by the same answer): a secret named by ARN lives in the ARN's account, and the stack of that account
     * rotates it (where environments name their accounts; the configuration refuses one whose account runs no
     * environment or whose consumers also run in another account's); a secret named by name is a secret of that name wherever
     * one of its consumers runs (each account keeps its own, as its own database), rotated by each stack serving one
     * of them; a secret no service consumes, by the primary environment's stack.
     */
    public boolean rotatedBy(SecretSpec secret, ServedEnvironments served) {
        if (served.names() == null) return true;
        var arnAccount = AccountProblems.secretArnAccount(secret.secretId());
        if (arnAccount != null && namesAccounts()) {
            return environments.stream().anyMatch(e -> served.serves(e.name()) && arnAccount.equals(e.account()));
        }
        if (secret.consumers().isEmpty()) {
            return !environments.isEmpty() && served.serves(environments.getFirst().name());
        }
        return secret.consumers().stream().anyMatch(c -> service(c)
                .filter(s -> s.environments().stream().anyMatch(served::serves)).isPresent());
    }

    /** Whether environments name their AWS accounts (then every one does): shiplane spans separate accounts. */
    public boolean namesAccounts() {
        return environments.stream().anyMatch(e -> e.account() != null);
    }

    /**
     * The account of the first environment in configuration order, whose delivery stack is the primary one;
     * {@code null} when the configuration names no accounts.
     */
    public String primaryAccount() {
        return environments.isEmpty() ? null : environments.getFirst().account();
    }

    /**
     * The account holding {@code service}'s ECR repositories: its {@code ecrAccount}, else the primary account;
     * {@code null} when the configuration names no accounts (the repositories are in the one account).
     */
    public String ecrAccountOf(ServiceSpec service) {
        return service.ecrAccount() != null ? service.ecrAccount() : primaryAccount();
    }

    /** Environments that take their images by promotion from {@code source}. */
    public List<EnvironmentSpec> promotedFrom(String source) {
        return environments.stream().filter(e -> source.equals(e.promoteFrom())).toList();
    }

    /**
     * An approval is ECS's pause hook, so it gates services on ECS's engine only; a service on the shiplane engine in an
     * environment that requires one is refused rather than deployed without the approval its environment asks for.
     */
    private static List<String> approvalProblems(List<EnvironmentSpec> environments, List<ServiceSpec> services) {
        List<String> problems = new ArrayList<>();
        for (var env : environments) {
            if (!env.approval().required()) continue;
            for (var svc : services) {
                if (svc.environments().contains(env.name()) && !svc.onEcsEngine()) {
                    problems.add("services." + svc.name() + ".engine: environment " + env.name()
                            + " requires an approval, which ECS's engine gives (engine: ecs); " + svc.name()
                            + " runs on the " + svc.engine().code() + " engine");
                }
            }
        }
        return problems;
    }

    private static List<String> checkProblems(List<EnvironmentSpec> environments, List<ServiceSpec> services) {
        List<String> problems = new ArrayList<>();
        for (var svc : services) {
            if (svc.checks().isEmpty()) continue;
            var at = "services." + svc.name() + ".checks";
            if (!svc.strategy().progressive()) {
                problems.add(at + ": checks need a canary, linear or blue-green service (a new colour to test before"
                        + " traffic and an old one to return to); " + svc.name() + " is " + svc.strategy().code());
                continue;
            }
            var seen = new java.util.HashSet<String>();
            for (var check : svc.checks()) {
                if (!seen.add(check.phase().code() + "/" + check.name())) {
                    problems.add(at + "." + check.name() + ": declared twice for " + check.phase().code());
                }
            }
            boolean relative = svc.checks().stream().anyMatch(c -> !c.path().matches("https?://.*"));
            for (var env : environments) {
                if (relative && svc.environments().contains(env.name()) && env.checkEndpoint() == null) {
                    problems.add("environments." + env.name() + ".checkEndpoint: required by " + at
                            + " (or a platform.domain to derive https://<domain> from)");
                }
            }
        }
        return problems;
    }

    private static List<String> rotationProblems(RotationSpec rotation, List<ServiceSpec> services) {
        List<String> problems = new ArrayList<>();
        if (!rotation.schedule().matches("(cron|rate)\\(.+\\)")) {
            problems.add("rotation.schedule: '" + rotation.schedule()
                    + "' is not an EventBridge schedule expression (cron(...) or rate(...))");
        }
        var serviceNames = services.stream().map(ServiceSpec::name).toList();
        for (var secret : rotation.secrets()) {
            var at = "rotation.secrets." + secret.name();
            if (secret.secretId() == null || secret.secretId().isBlank()) {
                problems.add(at + ".secretId: missing (the Secrets Manager name or ARN)");
            }
            if (secret.type() == SecretType.POSTGRES && (secret.masterSecretId() == null || secret.masterSecretId().isBlank())) {
                problems.add(at + ".masterSecretId: required for type postgres (it creates the alternate user)");
            }
            if (secret.gracePeriod() != null && secret.type() != SecretType.HMAC_KEY) {
                problems.add(at + ".gracePeriod: only applies to type hmac-key");
            }
            if (secret.length() < 16 || secret.length() > 4096) {
                problems.add(at + ".length: " + secret.length() + " is outside 16..4096");
            }
            for (var consumer : secret.consumers()) {
                if (!serviceNames.contains(consumer)) {
                    problems.add(at + ".consumers: unknown service '" + consumer + "' (known: " + serviceNames + ")");
                }
            }
        }
        return problems;
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
        for (var env : environments) {
            if (env.promoteFrom() == null) continue;
            if (!known.contains(env.promoteFrom()) || env.promoteFrom().equals(env.name())) {
                problems.add("environments." + env.name() + ".promoteFrom: '" + env.promoteFrom()
                        + "' is not another environment (known: " + known + ")");
            }
            if (env.promoteAfter() == null || env.promoteAfter().isNegative()) {
                problems.add("environments." + env.name() + ".promoteAfter: required with promoteFrom");
            }
        }
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
