package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.accountArn;
import static dev.shiplane.infra.TemplateShapes.deliveryEnvironment;
import static dev.shiplane.infra.TemplateShapes.getAtt;
import static dev.shiplane.infra.TemplateShapes.policyOf;
import static dev.shiplane.infra.TemplateShapes.policyWith;
import static dev.shiplane.infra.TemplateShapes.ref;
import static dev.shiplane.infra.TemplateShapes.serviceArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The delivery stack's side of ECS's engine: the hooks function and the role ECS invokes it through, named as the
 * ServiceInfra stacks point at them; the deploy function naming them in its UpdateService and hearing pauses and
 * ServiceInfra stack updates; the canary function continuing and stopping native deployments.
 */
class EcsLifecycleHooksTest {

    private static final DeploymentScope SCOPE = DeploymentScope.of(NativeConfigFixture.config(), Optional.empty());
    private static Template template;

    @BeforeAll
    static void synth() {
        template = ProgressiveConfigFixture.synth((stack, core) -> {
            var hooks = new EcsLifecycleHooks(stack, "Hooks", EcsLifecycleHooksProps.builder()
                    .code(hooksPackage())
                    .core(core)
                    .ecsServices(SCOPE.nativeServices())
                    .ecrRepositories(SCOPE.ecrRepositories())
                    .build());
            var deploy = new ImagePushDeploy(stack, "Deploy", ImagePushDeployProps.builder()
                    .code(DeployStackFixture.deployCode())
                    .core(core)
                    .ecsServices(SCOPE.ecsServices())
                    .taskRoles(SCOPE.taskRoles())
                    .build());
            deploy.addEcsHooks(hooks);
            deploy.addServiceInfraStacks(SCOPE.platformEnvironments());
            new ProgressiveDelivery(stack, "Canary", ProgressiveDeliveryProps.builder()
                    .code(DeployStackFixture.canaryCode())
                    .core(core)
                    .ecsServices(SCOPE.ecsServices())
                    .build())
                    .addEcsEngineControl(SCOPE.nativeServices());
        });
    }

    /**
     * The construct takes the hooks function's package like any other; its contents are the hooks module's concern,
     * so a directory stands in for the jar here.
     */
    private static Code hooksPackage() {
        try {
            var dir = Files.createTempDirectory("hooks-package");
            Files.writeString(dir.resolve("README"), "stands in for functions/hooks/target/hooks.jar");
            return Code.fromAsset(dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void scope_listsTheServicesOnEcsEngine_andTheEnvironmentsWithAPlatform() {
        org.assertj.core.api.Assertions.assertThat(SCOPE.nativeServices()).containsExactly(
                new EcsServiceRef("monynha-staging", "web"), new EcsServiceRef("monynha-prod", "web"),
                new EcsServiceRef("monynha-prod", "search"), new EcsServiceRef("monynha-prod", "admin"));
        org.assertj.core.api.Assertions.assertThat(SCOPE.platformEnvironments()).containsExactly("staging", "prod");
    }

    @Test
    void hooksFunction_isNamedAsTheServicesPointAtIt_withSnapStart_andTheDeliveryEnvironment() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", EcsHookTarget.FUNCTION_NAME,
                "Handler", "dev.shiplane.hooks.HooksFunction::handleRequest",
                "Runtime", "java25",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.exact(deliveryEnvironment("shiplane-hooks")))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "FunctionName", ref("Hooks[0-9A-F]{8}$"), "Name", EcsHookTarget.ALIAS));
    }

    @Test
    void invokeRole_isAssumedByEcs_andMayInvokeTheLiveAliasOnly() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", Map.of("Fn::Join", List.of("", List.of(EcsHookTarget.ROLE_NAME_PREFIX,
                        Map.of("Ref", "AWS::Region")))),
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "ecs.amazonaws.com"))))),
                "Policies", List.of(Map.of("PolicyName", "InvokeHooks", "PolicyDocument", Match.objectLike(Map.of(
                        "Statement", List.of(Map.of("Action", "lambda:InvokeFunction", "Effect", "Allow",
                                "Resource", ref("HooksLiveAlias")))))))));
    }

    @Test
    void hooksFunction_readsAndWritesTheLedger_putsEvents_readsScans_andCallsNothingOfEcs() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("HooksServiceRole", Map.of(
                "Action", List.of("ecr:DescribeImageScanFindings", "ecr:BatchGetRepositoryScanningConfiguration"))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("HooksServiceRole", Map.of(
                "Action", "events:PutEvents")));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("HooksServiceRole", Map.of(
                "Action", Match.arrayWith(List.of("dynamodb:PutItem")))));
        // ECS's hook payload carries what the hooks decide on; the package holds no ECS client (LeastPrivilegeTest)
        var hooksPolicies = template.findResources("AWS::IAM::Policy").values().stream().map(Object::toString)
                .filter(policy -> policy.contains("HooksServiceRole")).toList();
        assertThat(hooksPolicies).isNotEmpty().noneMatch(policy -> policy.contains("ecs:"));
    }

    @Test
    void deployFunction_namesTheHook_andMayPassItsRoleToEcsOnly() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", ImagePushDeploy.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        DeliveryEnvironment.HOOKS_FUNCTION_ARN, ref("HooksLiveAlias"),
                        DeliveryEnvironment.HOOKS_ROLE_ARN, getAtt("HooksInvokeRole", "Arn"))))));
        template.hasResourceProperties("AWS::IAM::Policy", policyWith(Map.of(
                "Action", "iam:PassRole",
                "Resource", getAtt("HooksInvokeRole", "Arn"),
                "Condition", Map.of("StringEquals", Map.of("iam:PassedToService", "ecs.amazonaws.com")))));
    }

    @Test
    void deployFunction_hearsHookStateChanges_forApprovals() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Match.absent(),
                "EventPattern", Map.of("source", List.of("aws.ecs"), "detail-type", List.of("ECS Hook State Change")),
                "Targets", List.of(Match.objectLike(Map.of("Arn", ref("DeployLiveAlias"))))));
    }

    @Test
    void deployFunction_hearsTheServiceInfraStacksCreatedOrUpdated() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.cloudformation"),
                        "detail-type", List.of("CloudFormation Stack Status Change"),
                        "detail", Map.of(
                                "stack-id", List.of(
                                        Map.of("wildcard", "arn:aws:cloudformation:*:*:stack/ShiplaneServiceInfra-staging/*"),
                                        Map.of("wildcard", "arn:aws:cloudformation:*:*:stack/ShiplaneServiceInfra-prod/*")),
                                "status-details", Map.of("status", List.of("CREATE_COMPLETE", "UPDATE_COMPLETE")))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", ref("DeployLiveAlias"))))));
    }

    @Test
    void canaryFunction_continuesStopsAndFindsTheNativeServicesDeployments() {
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", List.of("ecs:ContinueServiceDeployment", "ecs:StopServiceDeployment"),
                "Resource", List.of(
                        accountArn(":ecs:", true, ":service-deployment/monynha-staging/web/*"),
                        accountArn(":ecs:", true, ":service-deployment/monynha-prod/web/*"),
                        accountArn(":ecs:", true, ":service-deployment/monynha-prod/search/*"),
                        accountArn(":ecs:", true, ":service-deployment/monynha-prod/admin/*")))));
        template.hasResourceProperties("AWS::IAM::Policy", policyOf("CanaryServiceRole", Map.of(
                "Action", "ecs:ListServiceDeployments",
                "Resource", Match.arrayWith(List.of(serviceArn("monynha-prod/admin"))))));
    }

    @Test
    void props_withoutServicesOnEcsEngine_areRefused() {
        var core = new DeliveryCore(new Stack(new App(), "Props"), "Core", DeliveryCoreProps.builder().build());

        assertThatThrownBy(() -> EcsLifecycleHooksProps.builder().code(hooksPackage()).core(core).build())
                .hasMessageContaining("no service runs on ECS's engine");
    }
}
