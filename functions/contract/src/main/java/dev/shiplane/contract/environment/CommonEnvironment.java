package dev.shiplane.contract.environment;

/**
 * Variables every function reads. The {@code POWERTOOLS_} names are Powertools' own, which shiplane's logger and
 * metrics (functions/runtime) keep reading: deployed stacks, dashboards and habits made with Powertools keep working.
 */
public final class CommonEnvironment {

    /** The function's name in its log lines and its metrics' {@code Service} dimension. */
    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** The CloudWatch namespace of the function's metrics. */
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    /** The lowest level logged ({@code INFO}, {@code DEBUG}); read by Powertools itself. */
    public static final String LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    /** A config file to read instead of the {@code shiplane.yml} bundled in the function's package. */
    public static final String CONFIG_FILE = "SHIPLANE_CONFIG_FILE";
    /** Milliseconds one AWS API call attempt may go unanswered before it is retried on a new connection. */
    public static final String AWS_API_CALL_ATTEMPT_TIMEOUT_MS = "SHIPLANE_AWS_API_CALL_ATTEMPT_TIMEOUT_MS";
    /** Milliseconds one AWS API call may take with all its retries. */
    public static final String AWS_API_CALL_TIMEOUT_MS = "SHIPLANE_AWS_API_CALL_TIMEOUT_MS";

    private CommonEnvironment() {}
}
