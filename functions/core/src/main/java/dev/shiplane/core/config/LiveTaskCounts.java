package dev.shiplane.core.config;

import java.util.Map;

/**
 * How many tasks the live colour of a two-colour service runs in an environment whose {@code platform} block sizes
 * its services ({@code platform.tasks.<service>.desiredCount}). The stack sets no desired count, so a stack update
 * never re-applies one over what a rollout did; the deploy function sizes the colours from this once the stack has
 * settled. The rest of the {@code platform} block is the CDK app's alone.
 *
 * @param byService the count of each service the block names
 * @param otherwise the count of the services it does not name ({@code tasks.default}, else 1)
 */
public record LiveTaskCounts(Map<String, Integer> byService, int otherwise) {

    /** A service's count when {@code tasks} names neither it nor {@code default}. */
    public static final int DEFAULT = 1;

    public LiveTaskCounts {
        byService = Map.copyOf(byService);
    }

    public int of(String service) {
        return byService.getOrDefault(service, otherwise);
    }
}
