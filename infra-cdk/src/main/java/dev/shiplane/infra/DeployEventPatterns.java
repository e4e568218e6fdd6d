package dev.shiplane.infra;

import dev.shiplane.core.deploy.EcsDeploymentEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;

/**
 * The event patterns AWS services' events reach the delivery functions by. Narrow on purpose: EventBridge filters
 * for free, while every invocation a function has to ignore costs a cold start and a log line.
 */
final class DeployEventPatterns {

    static final String HOOK_STATE_CHANGE = "ECS Hook State Change";
    /** The statuses after which a ServiceInfra stack's task settings may have changed. */
    static final List<String> STACK_SETTLED = List.of("CREATE_COMPLETE", "UPDATE_COMPLETE");

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
                .source(List.of(CrossAccountRoutes.EcrEvents.Kind.PUSH.source))
                .detailType(List.of(CrossAccountRoutes.EcrEvents.Kind.PUSH.detailType))
                .detail(inOrder(
                        "action-type", List.of("PUSH"),
                        "result", List.of("SUCCESS"),
                        "repository-name", repositoryMatchers(repositories)))
                .build();
    }

    /**
     * A basic-scanning result ({@code COMPLETE} or {@code FAILED}) for an image of a configured repository's
     * namespace (default bus, sent by ECR): resumes or blocks deployments held by the scan gate.
     */
    static EventPattern ecrImageScan(List<String> repositories) {
        return EventPattern.builder()
                .source(List.of(CrossAccountRoutes.EcrEvents.Kind.SCAN.source))
                .detailType(List.of(CrossAccountRoutes.EcrEvents.Kind.SCAN.detailType))
                .detail(Map.of("repository-name", repositoryMatchers(repositories)))
                .build();
    }

    /**
     * Enhanced scanning's first result for an image (default bus, sent by Amazon Inspector). Inspector names the
     * repository by its ARN, so the namespaces are matched with a wildcard over region and account.
     */
    static EventPattern inspectorInitialScan(List<String> repositories) {
        List<Object> arns = new ArrayList<>();
        for (var matcher : repositoryMatchers(repositories)) {
            var name = matcher instanceof Map<?, ?> prefix ? prefix.get("prefix") + "*" : matcher;
            arns.add(Map.of("wildcard", "arn:aws:ecr:*:*:repository/" + name));
        }
        return EventPattern.builder()
                .source(List.of(CrossAccountRoutes.EcrEvents.Kind.INSPECTOR_SCAN.source))
                .detailType(List.of(CrossAccountRoutes.EcrEvents.Kind.INSPECTOR_SCAN.detailType))
                .detail(new LinkedHashMap<>(Map.of("scan-status", List.of("INITIAL_SCAN_COMPLETE"),
                        "repository-name", arns)))
                .build();
    }

    /**
     * {@code pattern}, matching only events sent by {@code account}: on shiplane's bus, what another account
     * forwarded keeps that account as its {@code account}.
     */
    static EventPattern fromAccount(EventPattern pattern, String account) {
        return EventPattern.builder()
                .source(pattern.getSource())
                .detailType(pattern.getDetailType())
                .detail(pattern.getDetail())
                .resources(pattern.getResources())
                .account(List.of(account))
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

    /**
     * A service deployment in one of the clusters completed (default bus, sent by ECS): the deploy function
     * closes the deployment. {@code IN_PROGRESS} is left out, and {@code FAILED} goes to the rollback function.
     */
    static EventPattern ecsDeploymentCompleted(Collection<String> clusters) {
        return ecsDeploymentState(clusters, EcsDeploymentEvent.COMPLETED);
    }

    /** A service deployment in one of the clusters failed (e.g. the circuit breaker tripped): roll back. */
    static EventPattern ecsDeploymentFailed(Collection<String> clusters) {
        return ecsDeploymentState(clusters, EcsDeploymentEvent.FAILED);
    }

    /**
     * A lifecycle hook of a service deployment changed state (default bus, sent by ECS): a pause hook awaiting
     * {@code ContinueServiceDeployment} is an approval to ask for. AWS names the event ({@code HOOK_AWAITING_ACTION})
     * but publishes no sample of its detail, so the rule does not guess field names to narrow on: only services with
     * hooks send these, and the deploy function ignores the states it does not act on.
     */
    static EventPattern ecsHookStateChange() {
        return EventPattern.builder()
                .source(List.of("aws.ecs"))
                .detailType(List.of(HOOK_STATE_CHANGE))
                .build();
    }

    /**
     * One of the ServiceInfra stacks was created or updated (default bus, sent by CloudFormation): the deploy
     * function deploys each service's newest container settings with the image it runs now. The stacks are matched
     * by name ({@code stack/ShiplaneServiceInfra-<env>/<id>}), any region and account, as ECS's services are.
     */
    static EventPattern serviceInfraStackSettled(Collection<String> environments) {
        List<String> stacks = new ArrayList<>();
        for (var env : environments) {
            stacks.addAll(Match.wildcard("arn:aws:cloudformation:*:*:stack/" + ServiceInfraStack.nameFor(env) + "/*"));
        }
        var detail = new LinkedHashMap<String, Object>();
        detail.put("stack-id", stacks);
        detail.put("status-details", Map.of("status", STACK_SETTLED));
        return EventPattern.builder()
                .source(List.of("aws.cloudformation"))
                .detailType(List.of("CloudFormation Stack Status Change"))
                .detail(detail)
                .build();
    }

    /**
     * A gate alarm of a managed service went into {@code ALARM} (default bus, sent by CloudWatch for metric and
     * composite alarms alike). Alarm names are matched exactly: they come resolved from {@code shiplane.yml}.
     */
    static EventPattern gateAlarm(Collection<String> alarmNames) {
        var detail = new LinkedHashMap<String, Object>();
        detail.put("alarmName", List.copyOf(alarmNames));
        detail.put("state", Map.of("value", List.of("ALARM")));
        return EventPattern.builder()
                .source(List.of("aws.cloudwatch"))
                .detailType(List.of("CloudWatch Alarm State Change"))
                .detail(detail)
                .build();
    }

    /**
     * An ECS deployment event named {@code eventName} in one of the clusters (default bus, sent by ECS).
     *
     * <p>Services are matched with a {@code wildcard} on the service ARN rather than a {@code prefix} built from
     * {@code AWS::Region}/{@code AWS::AccountId}. cfn-lint 1.51 accepts both (it does not look inside event
     * patterns), so the literal wins: it reads as written in the template and the sandbox can match it without
     * resolving intrinsic functions. The {@code *} for region and account loses nothing, since a rule on the
     * default bus only sees its own account's and region's ECS events.
     */
    private static EventPattern ecsDeploymentState(Collection<String> clusters, String eventName) {
        List<String> services = new ArrayList<>();
        for (var cluster : clusters) {
            services.addAll(Match.wildcard(serviceArnWildcard(cluster)));
        }
        return EventPattern.builder()
                .source(List.of("aws.ecs"))
                .detailType(List.of("ECS Deployment State Change"))
                .detail(Map.of("eventName", List.of(eventName)))
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
