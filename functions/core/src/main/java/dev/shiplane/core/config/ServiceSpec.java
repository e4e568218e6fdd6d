package dev.shiplane.core.config;

import dev.shiplane.core.gate.HttpCheck;
import dev.shiplane.core.policy.TagPolicy;
import java.util.List;

/**
 * One deployable service, present in one or more environments.
 *
 * @param name         key in {@code services:} (e.g. {@code web})
 * @param repositories image sources, each an ECR repository name ({@code monynha/web}) or a GHCR image
 *                     ({@code ghcr.io/monynha/app/web})
 * @param container    the container in the task definition whose image is replaced
 * @param ecsService   ECS service name in each environment's cluster (defaults to {@code name})
 * @param strategy     how a new revision replaces the running one
 * @param alarms       CloudWatch alarm names that gate and roll back this service; {@code {env}}, {@code {cluster}}
 *                     and {@code {service}} are replaced per environment (see {@link #alarmsIn})
 * @param environments environments this service runs in (defaults to all)
 * @param traffic      how traffic moves and how long each step bakes; for rolling services only the bake matters
 * @param blueGreen    name templates of the two colours; {@code null} for rolling
 * @param checks       health and smoke checks around the traffic shift; progressive services only
 * @param engine       who moves a progressive service's traffic: shiplane (two colours) or ECS (one service)
 * @param taskRole     name (with its path, if any) of the IAM role the service's tasks run as, in each environment
 *                     (placeholders as in {@code alarms}); {@code null}: not named, so the role a shiplane platform
 *                     stack made for the service (its generated name starts with the stack's), or any role where the
 *                     environment has no platform stack. The deploy function may pass the named role to the
 *                     revisions it registers
 * @param executionRole name of the IAM role ECS pulls the image and reads the secrets with, likewise
 * @param tagPolicy    which pushed tags of this service are deployed, in every environment it runs in, in place of
 *                     the environments' policies (a service tagged by commit sha next to services tagged by semver);
 *                     {@code null}: each environment's {@code tagPolicy} decides (see {@link Target#tagPolicy})
 * @param keepRevisions how many of the task-definition revisions shiplane registered for the service stay ACTIVE in
 *                     each environment's family (default {@value #DEFAULT_KEEP_REVISIONS}); older ones are
 *                     deregistered unless a rollback, a rollout or ECS still needs them
 * @param ecrAccount   the 12-digit AWS account holding the service's ECR repositories, when the configuration names
 *                     accounts (default: the first environment's account, see {@link ShiplaneConfig#ecrAccountOf});
 *                     {@code null} when it names none
 */
public record ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                          Strategy strategy, List<String> alarms, List<String> environments, TrafficPlan traffic,
                          BlueGreenNames blueGreen, List<HttpCheck> checks, Engine engine, String taskRole,
                          String executionRole, TagPolicy tagPolicy, int keepRevisions, String ecrAccount) {

    /** The seed kept the last five revisions. */
    public static final int DEFAULT_KEEP_REVISIONS = 5;
    /** A family's newest revisions are the ones a rollback may want; more than this is a family nobody cleans. */
    public static final int MAX_KEEP_REVISIONS = 100;

    public ServiceSpec {
        if (keepRevisions < 1 || keepRevisions > MAX_KEEP_REVISIONS) {
            throw new IllegalArgumentException("keepRevisions must be 1 to " + MAX_KEEP_REVISIONS + ", was "
                    + keepRevisions);
        }
        checks = checks == null ? List.of() : List.copyOf(checks);
        engine = engine == null ? Engine.SHIPLANE : engine;
        repositories = List.copyOf(repositories);
        alarms = List.copyOf(alarms);
        environments = List.copyOf(environments);
        if (strategy.progressive()) {
            traffic = traffic == null ? new TrafficPlan(TrafficPlan.DEFAULT_CANARY_STEPS, TrafficPlan.DEFAULT_BAKE) : traffic;
            blueGreen = engine == Engine.ECS ? null : blueGreen == null ? BlueGreenNames.DEFAULT_TEMPLATES : blueGreen;
        } else {
            // A rolling service has one step; its bake is how long a completed deployment must stay quiet to be verified.
            traffic = traffic == null ? TrafficPlan.allAtOnce(TrafficPlan.DEFAULT_BAKE) : traffic;
            blueGreen = null;
        }
    }

    /** With its ECR repositories in the account of the configuration's first environment. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                       Strategy strategy, List<String> alarms, List<String> environments, TrafficPlan traffic,
                       BlueGreenNames blueGreen, List<HttpCheck> checks, Engine engine, String taskRole,
                       String executionRole, TagPolicy tagPolicy, int keepRevisions) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, traffic, blueGreen, checks,
                engine, taskRole, executionRole, tagPolicy, keepRevisions, null);
    }

    /** Keeping the default number of revisions. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                       Strategy strategy, List<String> alarms, List<String> environments, TrafficPlan traffic,
                       BlueGreenNames blueGreen, List<HttpCheck> checks, Engine engine, String taskRole,
                       String executionRole, TagPolicy tagPolicy) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, traffic, blueGreen, checks,
                engine, taskRole, executionRole, tagPolicy, DEFAULT_KEEP_REVISIONS);
    }

    /** With the environments' tag policies. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                       Strategy strategy, List<String> alarms, List<String> environments, TrafficPlan traffic,
                       BlueGreenNames blueGreen, List<HttpCheck> checks, Engine engine, String taskRole,
                       String executionRole) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, traffic, blueGreen, checks,
                engine, taskRole, executionRole, null);
    }

    /** Without named task and execution roles. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                       Strategy strategy, List<String> alarms, List<String> environments, TrafficPlan traffic,
                       BlueGreenNames blueGreen, List<HttpCheck> checks, Engine engine) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, traffic, blueGreen, checks,
                engine, null, null);
    }

    /** On the shiplane engine. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                       Strategy strategy, List<String> alarms, List<String> environments, TrafficPlan traffic,
                       BlueGreenNames blueGreen, List<HttpCheck> checks) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, traffic, blueGreen, checks,
                Engine.SHIPLANE);
    }

    /** Whether this service runs as two colours whose traffic shiplane moves (the shiplane engine, progressive). */
    public boolean twoColours() {
        return engine == Engine.SHIPLANE && strategy.progressive();
    }

    /** Whether ECS's own deployment engine moves this service's traffic (one ECS service). */
    public boolean onEcsEngine() {
        return engine == Engine.ECS;
    }

    /** Without health or smoke checks. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService, Strategy strategy,
                       List<String> alarms, List<String> environments, TrafficPlan traffic, BlueGreenNames blueGreen) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, traffic, blueGreen, List.of());
    }

    /** The declared check of that name and phase. */
    public java.util.Optional<HttpCheck> check(String checkName, HttpCheck.Phase phase) {
        return checks.stream().filter(c -> c.name().equals(checkName) && c.phase() == phase).findFirst();
    }

    /** A rolling service. */
    public ServiceSpec(String name, List<String> repositories, String container, String ecsService, Strategy strategy,
                       List<String> alarms, List<String> environments) {
        this(name, repositories, container, ecsService, strategy, alarms, environments, null, null);
    }

    /** This service's alarm names in one environment, placeholders filled in. */
    public List<String> alarmsIn(EnvironmentSpec env) {
        return alarms.stream().map(a -> resolve(a, env)).toList();
    }

    /** The name of the role this service's tasks run as in one environment; {@code null} when not named. */
    public String taskRoleIn(EnvironmentSpec env) {
        return taskRole == null ? null : resolve(taskRole, env);
    }

    /** The name of the role ECS starts this service's tasks with in one environment; {@code null} when not named. */
    public String executionRoleIn(EnvironmentSpec env) {
        return executionRole == null ? null : resolve(executionRole, env);
    }

    private String resolve(String template, EnvironmentSpec env) {
        return template.replace("{env}", env.name()).replace("{cluster}", env.cluster()).replace("{service}", name);
    }

    /** The ECS services this service runs as in one environment: one, or the two colours. */
    public List<String> ecsServicesIn(EnvironmentSpec env) {
        if (!twoColours()) return List.of(ecsService);
        var names = colours(env);
        return List.of(names.blueService(), names.greenService());
    }

    /** The colours' services and target groups in one environment; only for two-colour services. */
    public BlueGreenNames colours(EnvironmentSpec env) {
        if (blueGreen == null) throw new IllegalStateException(name + " does not run as two colours");
        return blueGreen.resolve(env.name(), env.cluster(), name, ecsService);
    }
}
