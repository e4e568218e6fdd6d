package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.IConstruct;

/**
 * The ECS and IAM permissions of deployments: read and update the managed services (every delivery function),
 * and register a task definition revision with the new image (the deploy function only). Scoped to the
 * configured services wherever ECS allows a resource.
 */
final class EcsDeployPermissions {

    private EcsDeployPermissions() {}

    /** Describe and update exactly the managed services: point one at a revision, scale a colour. */
    static PolicyStatement updateServices(IConstruct scope, List<EcsServiceRef> services) {
        var stack = Stack.of(scope);
        var serviceArns = services.stream().map(s -> stack.formatArn(ArnComponents.builder()
                .service("ecs").resource("service").resourceName(s.arnResourceName())
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())).toList();
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ecs:DescribeServices", "ecs:UpdateService"))
                .resources(serviceArns)
                .build();
    }

    /**
     * Register a revision copied from the running one (the deploy function's job alone).
     *
     * @param taskRoles the names of the services' task and execution roles (shiplane.yml's {@code taskRole} and
     *                  {@code executionRole} in each environment)
     */
    static List<PolicyStatement> registerTaskDefinitions(IConstruct scope, List<String> taskRoles) {
        var stack = Stack.of(scope);
        // The Service Authorization Reference lists no resource type for these two actions: IAM accepts only "*".
        var taskDefinitions = PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"))
                .resources(List.of("*"))
                .build();
        // RegisterTaskDefinition with tags (the function carries the old revision's tags over) also needs
        // TagResource. The condition allows tagging only as part of that call, never re-tagging an existing
        // revision; families come from the running services, unknown here, hence task-definition/*.
        var tagOnRegister = PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ecs:TagResource"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("ecs").resource("task-definition").resourceName("*")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())))
                .conditions(Map.of("StringEquals", Map.of("ecs:CreateAction", "RegisterTaskDefinition")))
                .build();
        // A new revision keeps the old one's task and execution roles, which ECS checks with iam:PassRole: exactly
        // the services' roles, by the names shiplane.yml gives them (a platform stack creates them so named), and
        // only towards ECS tasks.
        var passTaskRoles = PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("iam:PassRole"))
                .resources(taskRoles.stream().distinct().sorted().map(name -> stack.formatArn(ArnComponents.builder()
                        .service("iam").region("").resource("role").resourceName(name)
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())).toList())
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com")))
                .build();
        return List.of(taskDefinitions, tagOnRegister, passTaskRoles);
    }

    /**
     * Deregister the revisions shiplane registered beyond a service's {@code keepRevisions} (the deploy function,
     * after a success). The Service Authorization Reference lists no resource type for either action, so IAM accepts
     * only "*"; which revisions go is the function's decision: only its own (tagged), never one ECS runs or a
     * rollback may return to.
     */
    static PolicyStatement cleanTaskDefinitions() {
        return PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("ecs:ListTaskDefinitions", "ecs:DeregisterTaskDefinition"))
                .resources(List.of("*"))
                .build();
    }

    /**
     * The deployments of services on ECS's engine, by their ARN {@code service-deployment/<cluster>/<service>/<id>}
     * (IAM's resource type for ContinueServiceDeployment, StopServiceDeployment and DescribeServiceDeployments); the
     * id is ECS's, known only once a deployment starts.
     */
    static List<String> serviceDeploymentArns(IConstruct scope, List<EcsServiceRef> services) {
        return perService(scope, services, "service-deployment", "/*");
    }

    static List<String> serviceArns(IConstruct scope, List<EcsServiceRef> services) {
        return perService(scope, services, "service", "");
    }

    private static List<String> perService(IConstruct scope, List<EcsServiceRef> services, String resource,
                                           String suffix) {
        var stack = Stack.of(scope);
        return services.stream().map(s -> stack.formatArn(ArnComponents.builder()
                .service("ecs").resource(resource).resourceName(s.arnResourceName() + suffix)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())).toList();
    }
}
