package dev.shiplane.core.config;

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
 * @param alarms       CloudWatch alarm names that gate and roll back this service
 * @param environments environments this service runs in (defaults to all)
 */
public record ServiceSpec(String name, List<String> repositories, String container, String ecsService,
                          Strategy strategy, List<String> alarms, List<String> environments) {
    public ServiceSpec {
        repositories = List.copyOf(repositories);
        alarms = List.copyOf(alarms);
        environments = List.copyOf(environments);
    }
}
