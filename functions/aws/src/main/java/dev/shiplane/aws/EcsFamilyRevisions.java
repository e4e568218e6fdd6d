package dev.shiplane.aws;

import dev.shiplane.core.deploy.DeployService;
import dev.shiplane.core.revisions.FamilyRevision;
import dev.shiplane.core.revisions.FamilyRevisions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** {@link FamilyRevisions} on Amazon ECS. */
public final class EcsFamilyRevisions implements FamilyRevisions {

    /** DescribeServices takes at most 10 services a call. */
    private static final int SERVICES_PER_CALL = 10;

    private final EcsClient ecs;

    public EcsFamilyRevisions(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public List<FamilyRevision> activeNewestFirst(String family) {
        List<String> arns = new ArrayList<>();
        String next = null;
        do {
            var token = next;
            var page = ecs.listTaskDefinitions(r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE)
                    .sort(SortOrder.DESC).nextToken(token));
            arns.addAll(page.taskDefinitionArns());
            next = page.nextToken();
        } while (next != null);
        // familyPrefix is a prefix: monynha-staging-web also lists monynha-staging-web-blue's revisions.
        return arns.stream()
                .filter(arn -> FamilyRevision.familyOf(arn).equals(family))
                .sorted(Comparator.comparingInt(EcsFamilyRevisions::revisionOf).reversed())
                .map(arn -> new FamilyRevision(arn, revisionOf(arn), registeredByShiplane(arn)))
                .toList();
    }

    @Override
    public Set<String> runByEcs(String cluster, List<String> ecsServices) {
        Set<String> running = new LinkedHashSet<>();
        for (int from = 0; from < ecsServices.size(); from += SERVICES_PER_CALL) {
            var batch = ecsServices.subList(from, Math.min(ecsServices.size(), from + SERVICES_PER_CALL));
            for (var service : ecs.describeServices(r -> r.cluster(cluster).services(batch)).services()) {
                if (service.taskDefinition() != null) running.add(service.taskDefinition());
                service.deployments().stream().map(Deployment::taskDefinition).forEach(running::add);
                service.taskSets().stream().map(TaskSet::taskDefinition).forEach(running::add);
            }
        }
        running.remove(null);
        return running;
    }

    @Override
    public void deregister(String taskDefinitionArn) {
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(taskDefinitionArn));
    }

    /** The tag every revision shiplane registers carries; a copy of one keeps it, with its own deployment's id. */
    private boolean registeredByShiplane(String taskDefinitionArn) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn).include(TaskDefinitionField.TAGS))
                .tags().stream().anyMatch(tag -> tag.key().equals(DeployService.LABEL_DEPLOYMENT));
    }

    private static int revisionOf(String taskDefinitionArn) {
        return Integer.parseInt(taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf(':') + 1));
    }
}
