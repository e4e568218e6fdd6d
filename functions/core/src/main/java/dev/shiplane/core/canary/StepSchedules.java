package dev.shiplane.core.canary;

/** Names of one-shot schedules: deterministic, so creating one twice is harmless and cancelling needs no lookup. */
public final class StepSchedules {

    private StepSchedules() {}

    public static String step(String deploymentId, int step) {
        return "shiplane-" + deploymentId + "-step-" + step;
    }

    public static String verification(String deploymentId) {
        return "shiplane-" + deploymentId + "-verify";
    }

    public static String scanTimeout(String deploymentId) {
        return "shiplane-" + deploymentId + "-scan";
    }

    public static String promotion(String deploymentId, String toEnv) {
        return "shiplane-" + deploymentId + "-promote-" + toEnv;
    }

    /** Attempt {@code attempt} of one check; the check is named by a short hash to stay within 64 characters. */
    public static String checkAttempt(String deploymentId, String phase, String check, int attempt) {
        var digest = Integer.toHexString((phase + "/" + check).hashCode());
        return "shiplane-" + deploymentId + "-chk-" + digest + "-" + attempt;
    }
}
