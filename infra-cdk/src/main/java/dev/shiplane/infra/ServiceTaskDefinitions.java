package dev.shiplane.infra;

import dev.shiplane.core.config.ServiceSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * A service's two task definitions, so that a stack update never undoes a deployment.
 *
 * <p>The <b>bootstrap</b> one (child {@code TaskDefinition}, family {@code <cluster>-<service>}) is what the ECS
 * services reference. It holds nothing {@code shiplane.yml}'s task settings change (Fargate's smallest size, the
 * container at tag {@value #BOOTSTRAP_TAG}, the platform's endpoints), so no stack update gives a service a new task
 * definition, which CloudFormation would apply over the revision shiplane deployed (its image included).
 *
 * <p>The <b>settings</b> one (child {@code SettingsTaskDefinition}, family
 * {@code shiplane-settings-<env>-<service>}) holds the container settings (size, environment, secrets, port, logs);
 * no service references it. After a stack update the deploy function registers a revision made of the newest
 * settings revision and the image the service runs now, and deploys it like any image.
 */
final class ServiceTaskDefinitions {

    /** The tag of the image the first tasks run: push it before the first deployment of the stack. */
    static final String BOOTSTRAP_TAG = "bootstrap";
    /** Fargate's smallest size: the bootstrap revision only runs until the first revision with the settings. */
    static final int BOOTSTRAP_CPU = 256;
    static final int BOOTSTRAP_MEMORY_MIB = 512;
    static final String SETTINGS_FAMILY_PREFIX = "shiplane-settings-";

    private final FargateTaskDefinition bootstrap;
    private final FargateTaskDefinition settings;

    /** @param scope the service's construct, which the task definitions, their roles and the repository join */
    ServiceTaskDefinitions(Construct scope, ServiceSpec service, PlatformService.Placement at, PlatformSpec.Task task,
                           ILogGroup logs) {
        var env = at.environment();
        // One pair of roles for both: a revision made from the settings keeps the roles the bootstrap tasks had.
        // CloudFormation names them after this stack (ShiplaneServiceInfra-<env>-…), which is what the delivery stack
        // may pass; shiplane.yml's taskRole/executionRole, where given, name them instead. Naming an existing role
        // replaces it (IAM cannot rename), so names are never imposed on a stack already deployed.
        var executionRole = Role.Builder.create(scope, "TaskExecutionRole")
                .roleName(service.executionRoleIn(env))
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description(env.cluster() + "/" + service.name() + ": pulls the image, writes logs, reads the secrets")
                .build();
        var taskRole = Role.Builder.create(scope, "TaskRole")
                .roleName(service.taskRoleIn(env))
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description(env.cluster() + "/" + service.name() + ": the application's own role")
                .build();
        var image = bootstrapImage(scope, service, at.ecrRegistries().get(service.name()));
        var container = container(service, at, task, logs, image);

        bootstrap = FargateTaskDefinition.Builder.create(scope, "TaskDefinition")
                .family(env.cluster() + "-" + service.name())
                .cpu(BOOTSTRAP_CPU)
                .memoryLimitMiB(BOOTSTRAP_MEMORY_MIB)
                .executionRole(executionRole)
                .taskRole(taskRole)
                .build();
        bootstrap.addContainer(service.container(), container);
        settings = FargateTaskDefinition.Builder.create(scope, "SettingsTaskDefinition")
                .family(settingsFamily(env.name(), service.name()))
                .cpu(task.cpu())
                .memoryLimitMiB(task.memory())
                .executionRole(executionRole)
                .taskRole(taskRole)
                .build();
        settings.addContainer(service.container(), container);

        NagSuppressions.addResourceSuppressions(executionRole.getNode().tryFindChild("DefaultPolicy"),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .appliesTo(List.of("Resource::*"))
                        .reason("The execution role's ecr:GetAuthorizationToken acts on no resource (IAM takes only *);"
                                + " image pulls are limited to the service's repository")
                        .build()));
        for (var definition : List.of(bootstrap, settings)) {
            NagSuppressions.addResourceSuppressions(definition, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-ECS2")
                    .reason("The plain environment holds endpoints only (database and Redis host and port); the"
                            + " Redis AUTH token comes from Secrets Manager by ARN")
                    .build()));
        }
    }

    static String settingsFamily(String environment, String service) {
        return SETTINGS_FAMILY_PREFIX + environment + "-" + service;
    }

    /**
     * The container both revisions run: the settings' size is the task's, so the container itself carries nothing
     * shiplane.yml's task settings change except its port, which the target groups and services share anyway.
     */
    private static ContainerDefinitionOptions container(ServiceSpec service, PlatformService.Placement at,
                                                        PlatformSpec.Task task, ILogGroup logs, ContainerImage image) {
        return ContainerDefinitionOptions.builder()
                .image(image)
                .essential(true)
                .portMappings(List.of(PortMapping.builder().containerPort(task.containerPort()).build()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(service.name())
                        .build()))
                // Sorted: the template lists the variables in the map's order, and Map.of's order changes from one
                // JVM to the next; a reordered list is a changed task definition, which CloudFormation would replace.
                .environment(new TreeMap<>(Map.of(
                        "DATABASE_HOST", at.data().database().getDbInstanceEndpointAddress(),
                        "DATABASE_PORT", at.data().database().getDbInstanceEndpointPort(),
                        "REDIS_HOST", at.data().redis().getAttrPrimaryEndPointAddress(),
                        "REDIS_PORT", at.data().redis().getAttrPrimaryEndPointPort(),
                        "REDIS_TLS", "true")))
                // By ARN: ECS reads the value when a task starts; neither the template nor the task definition holds it.
                .secrets(Map.of("REDIS_AUTH_TOKEN", Secret.fromSecretsManager(at.data().redisAuthToken())))
                .build();
    }

    /**
     * The first ECR repository of the service at {@value #BOOTSTRAP_TAG}; a GHCR image if it has no ECR one.
     *
     * @param registry the account holding the repository when another account than the stack's does; else null
     */
    private static ContainerImage bootstrapImage(Construct scope, ServiceSpec service, String registry) {
        var ecr = service.repositories().stream().filter(r -> !r.startsWith(DeploymentScope.GHCR_PREFIX)).findFirst();
        if (ecr.isPresent()) {
            // From the repository: the execution role gets pull rights on this repository only, in the account
            // holding it (whose repository policy must admit the role: docs/ACCOUNTS.md).
            var repository = registry == null ? Repository.fromRepositoryName(scope, "Repository", ecr.get())
                    : Repository.fromRepositoryAttributes(scope, "Repository", RepositoryAttributes.builder()
                            .repositoryName(ecr.get())
                            .repositoryArn(EcrRepositoryArns.of(scope, List.of(ecr.get()), Map.of(ecr.get(), registry))
                                    .getFirst())
                            .build());
            return ContainerImage.fromEcrRepository(repository, BOOTSTRAP_TAG);
        }
        return ContainerImage.fromRegistry(service.repositories().getFirst() + ":" + BOOTSTRAP_TAG);
    }

    /** What the ECS services reference; never changes with shiplane.yml's task settings. */
    FargateTaskDefinition bootstrap() {
        return bootstrap;
    }

    /** The container settings the deploy function builds each service's next revision from. */
    FargateTaskDefinition settings() {
        return settings;
    }
}
