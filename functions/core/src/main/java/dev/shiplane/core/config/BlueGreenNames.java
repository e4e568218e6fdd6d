package dev.shiplane.core.config;

/**
 * Where the two colours of a progressive service live in one environment: the ECS services and the target groups
 * their tasks register with. The weighted listener rule is the one forwarding to both target groups.
 */
public record BlueGreenNames(String blueService, String greenService, String blueTargetGroup, String greenTargetGroup) {

    /** Defaults: services {@code <ecsService>-blue/-green}, target groups {@code <cluster>-<service>-blue/-green}. */
    public static final BlueGreenNames DEFAULT_TEMPLATES = new BlueGreenNames("{ecsService}-blue",
            "{ecsService}-green", "{cluster}-{service}-blue", "{cluster}-{service}-green");

    /** Replaces {@code {env}}, {@code {cluster}}, {@code {service}} and {@code {ecsService}} in every template. */
    public BlueGreenNames resolve(String env, String cluster, String service, String ecsService) {
        return new BlueGreenNames(fill(blueService, env, cluster, service, ecsService),
                fill(greenService, env, cluster, service, ecsService),
                fill(blueTargetGroup, env, cluster, service, ecsService),
                fill(greenTargetGroup, env, cluster, service, ecsService));
    }

    private static String fill(String template, String env, String cluster, String service, String ecsService) {
        return template.replace("{env}", env).replace("{cluster}", cluster).replace("{service}", service)
                .replace("{ecsService}", ecsService);
    }
}
