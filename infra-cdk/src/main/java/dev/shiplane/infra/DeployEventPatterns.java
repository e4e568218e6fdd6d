package dev.shiplane.infra;

import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.ImagePushed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;

/**
 * The three event patterns that start the deploy function. Narrow on purpose: EventBridge filters for free,
 * while every invocation the function has to ignore costs a cold start and a log line.
 */
final class DeployEventPatterns {

    private DeployEventPatterns() {}

    /**
     * A successful push to a repository in the namespaces of the configured ECR repositories (default bus, sent by
     * ECR itself). The rule matches the namespace ({@code monynha/}), not the exact names: a push to
     * {@code monynha/legacy} that no service takes then reaches the function and is reported as
     * {@code Deployment Skipped (unknown-repository)} — usually a repository someone forgot to configure — while
     * the account's unrelated repositories never invoke it. Repositories without a namespace are matched exactly.
     */
    static EventPattern ecrPush(List<String> repositories) {
        return EventPattern.builder()
                .source(List.of("aws.ecr"))
                .detailType(List.of("ECR Image Action"))
                .detail(inOrder(
                        "action-type", List.of("PUSH"),
                        "result", List.of("SUCCESS"),
                        "repository-name", repositoryMatchers(repositories)))
                .build();
    }

    static List<Object> repositoryMatchers(List<String> repositories) {
        var namespaces = new java.util.TreeSet<String>();
        var bare = new java.util.TreeSet<String>();
        for (var repository : repositories) {
            int slash = repository.lastIndexOf('/');
            if (slash > 0) namespaces.add(repository.substring(0, slash + 1));
            else bare.add(repository);
        }
        List<Object> matchers = new ArrayList<>();
        namespaces.forEach(ns -> matchers.add(Map.of("prefix", ns)));
        matchers.addAll(bare);
        return matchers;
    }

    /** A push from any registry, normalised by shiplane and put on its own bus. */
    static EventPattern imagePushed() {
        return EventPattern.builder()
                .source(List.of(DomainEvent.SOURCE))
                .detailType(List.of(ImagePushed.DETAIL_TYPE))
                .build();
    }

    /**
     * A service deployment in one of the clusters finished (default bus, sent by ECS). {@code IN_PROGRESS} is
     * left out: the function only closes deployments.
     *
     * <p>Services are matched with a {@code wildcard} on the service ARN rather than a {@code prefix} built from
     * {@code AWS::Region}/{@code AWS::AccountId}. cfn-lint 1.51 accepts both (it does not look inside event
     * patterns), so the literal wins: it reads as written in the template and the sandbox can match it without
     * resolving intrinsic functions. The {@code *} for region and account loses nothing, since a rule on the
     * default bus only sees its own account's and region's ECS events.
     */
    static EventPattern ecsDeploymentState(Collection<String> clusters) {
        List<String> services = new ArrayList<>();
        for (var cluster : clusters) {
            services.addAll(Match.wildcard(serviceArnWildcard(cluster)));
        }
        return EventPattern.builder()
                .source(List.of("aws.ecs"))
                .detailType(List.of("ECS Deployment State Change"))
                .detail(Map.of("eventName", List.of(EcsDeploymentEvent.COMPLETED, EcsDeploymentEvent.FAILED)))
                .resources(services)
                .build();
    }

    /** Map.of iterates in a per-JVM random order: the template's JSON would reshuffle from one synth to the next. */
    private static Map<String, Object> inOrder(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put(k1, v1);
        detail.put(k2, v2);
        detail.put(k3, v3);
        return detail;
    }

    static String serviceArnWildcard(String cluster) {
        return "arn:aws:ecs:*:*:service/" + cluster + "/*";
    }
}
