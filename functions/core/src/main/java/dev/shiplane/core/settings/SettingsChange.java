package dev.shiplane.core.settings;

/** What a stack update meant for one service's container settings. */
public sealed interface SettingsChange {

    String env();

    String service();

    /** A revision with the new settings and the running image is rolling out (as a deployment). */
    record Applied(String env, String service, String deploymentId, String taskDefinition) implements SettingsChange {}

    /** A colour of a two-colour service set to the task count its platform configures (or to none when idle). */
    record Resized(String env, String service, String ecsService, int from, int to) implements SettingsChange {}

    /** The service already runs the newest settings. */
    record Unchanged(String env, String service, String settingsRevision) implements SettingsChange {}

    /** The stack declares no settings family for this service: nothing to carry. */
    record NoSettings(String env, String service, String family) implements SettingsChange {}

    /** Another invocation is changing the service, or a deployment is under way: the event is delivered again. */
    record Busy(String env, String service, String holder) implements SettingsChange {}
}
