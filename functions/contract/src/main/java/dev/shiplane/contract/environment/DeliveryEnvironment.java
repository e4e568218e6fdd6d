package dev.shiplane.contract.environment;

import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ServedEnvironmentsSetting;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.Map;

/**
 * Variables of the functions that publish on the shiplane bus, keep the ledger or schedule their next step (deploy,
 * canary, rollback, checks, hooks, webhook, rotate, notify; each reads the ones its adapters need).
 */
public final class DeliveryEnvironment {

    /** The shiplane event bus's name, to publish on. */
    public static final String BUS_NAME = "SHIPLANE_BUS_NAME";
    /** The shiplane event bus's ARN, the target of one-shot schedules. */
    public static final String BUS_ARN = "SHIPLANE_BUS_ARN";
    /** The ledger's DynamoDB table. */
    public static final String LEDGER_TABLE = "SHIPLANE_LEDGER_TABLE";
    /** The EventBridge Scheduler group of the one-shot schedules; default {@code shiplane}. */
    public static final String SCHEDULE_GROUP = "SHIPLANE_SCHEDULE_GROUP";
    /** The role EventBridge Scheduler assumes to put a schedule's event on the bus. */
    public static final String SCHEDULER_ROLE_ARN = "SHIPLANE_SCHEDULER_ROLE_ARN";
    /**
     * Seconds a rollout's lease lasts; default 120, longer than any function timeout, so a live invocation never
     * loses its lease.
     */
    public static final String LEASE_SECONDS = "SHIPLANE_LEASE_SECONDS";
    /**
     * Whole days after its creation a deployment's ledger item expires (DynamoDB TTL); default 400, so a year of DORA
     * figures survives.
     */
    public static final String LEDGER_RETENTION_DAYS = "SHIPLANE_LEDGER_RETENTION_DAYS";
    /** The hooks function's {@code live} alias, which ECS calls for the services on its own engine. */
    public static final String HOOKS_FUNCTION_ARN = "SHIPLANE_HOOKS_FUNCTION_ARN";
    /** The role ECS assumes to invoke the hooks function. */
    public static final String HOOKS_ROLE_ARN = "SHIPLANE_HOOKS_ROLE_ARN";

    /**
     * Comma-separated names of the environments this function's delivery stack serves (where environments live in
     * separate AWS accounts, each account's stack serves its own). Absent: every environment where the configuration
     * names no accounts; where it names them, a broken deployment the function refuses to start with. Read with
     * {@link #served}.
     */
    public static final String SERVED_ENVIRONMENTS = "SHIPLANE_SERVED_ENVIRONMENTS";

    private DeliveryEnvironment() {}

    /**
     * The environments the function acts for, from {@link #SERVED_ENVIRONMENTS} read against the configuration it
     * bundles ({@link ServedEnvironmentsSetting}). Called while the function is wired, so a broken deployment fails
     * at cold start, before any event is acted on.
     *
     * @throws IllegalStateException naming the variable, when the deployment is broken
     */
    public static ServedEnvironments served(Map<String, String> env, ShiplaneConfig config) {
        return serving(env, config).served();
    }

    /**
     * The configuration a delivery function bundles, as declared and as its stack acts on it.
     *
     * @param declared every environment, service and secret as read from the file (accounts, promotion sources and
     *                 the secrets rotated elsewhere stay readable)
     * @param config   {@code declared} narrowed to the environments served ({@link ShiplaneConfig#servedOnly})
     * @param serving  the environments served and the account they live in
     */
    public record Configured(ShiplaneConfig declared, ShiplaneConfig config, ServedEnvironmentsSetting.Serves serving) {

        public ServedEnvironments served() {
            return serving.served();
        }

        /** The account the function runs in; {@code null} when the configuration names no accounts. */
        public String account() {
            return serving.account();
        }
    }

    /**
     * Loads the bundled configuration ({@link ConfigLoader#fromEnvironment}) and narrows it to the environments
     * {@link #SERVED_ENVIRONMENTS} names, as {@link #serving}: called while the function is wired, so a broken
     * deployment fails at cold start, before any event is acted on.
     *
     * @throws IllegalStateException naming the variable, when the deployment is broken
     */
    public static Configured configured(Map<String, String> env) {
        var declared = ConfigLoader.fromEnvironment(env);
        var serving = serving(env, declared);
        return new Configured(declared, declared.servedOnly(serving.served()), serving);
    }

    /**
     * The environments the function acts for and the account they live in, where it runs ({@code null} when the
     * configuration names no accounts); as {@link #served}.
     *
     * @throws IllegalStateException naming the variable, when the deployment is broken
     */
    public static ServedEnvironmentsSetting.Serves serving(Map<String, String> env, ShiplaneConfig config) {
        return switch (ServedEnvironmentsSetting.read(config, SERVED_ENVIRONMENTS, env.get(SERVED_ENVIRONMENTS))) {
            case ServedEnvironmentsSetting.Serves serves -> serves;
            case ServedEnvironmentsSetting.Broken broken -> throw new IllegalStateException(broken.why());
        };
    }
}
