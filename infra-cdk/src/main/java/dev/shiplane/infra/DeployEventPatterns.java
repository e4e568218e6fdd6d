package dev.shiplane.infra;

import dev.shiplane.core.deploy.EcsDeploymentEvent;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.ImagePushed;
import java.util.ArrayList;
import java.util.Collection;
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

    /** A successful push to one of the configured ECR repositories (default bus, sent by ECR itself). */
    static EventPattern ecrPush(List<String> repositories) {
        return EventPattern.builder()
                .source(List.of("aws.ecr"))
                .detailType(List.of("ECR Image Action"))
                .detail(Map.of(
                        "action-type", List.of("PUSH"),
                        "result", List.of("SUCCESS"),
                        "repository-name", List.copyOf(repositories)))
                .build();
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
     * {@code AWS::Region}/{@code AWS::AccountId}: the pattern stays a literal (readable in the template, no
     * intrinsic functions inside EventPattern) and cfn-lint accepts it. The {@code *} for region and account
     * loses nothing, since a rule on the default bus only sees its own account's and region's ECS events.
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

    static String serviceArnWildcard(String cluster) {
        return "arn:aws:ecs:*:*:service/" + cluster + "/*";
    }
}
