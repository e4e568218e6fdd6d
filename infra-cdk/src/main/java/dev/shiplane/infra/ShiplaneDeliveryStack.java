package dev.shiplane.infra;

import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.RotationSpec;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/**
 * shiplane's delivery stack: the shared bus and ledger plus one construct per function family. It composes and
 * exports; every resource decision lives in a construct.
 */
public final class ShiplaneDeliveryStack extends Stack {

    /**
     * The CloudFormation stack name in every account, and the construct id (so the template file's name) of the
     * primary account's stack: another account's stack is {@link #idFor} it.
     */
    public static final String STACK_NAME = "ShiplaneDelivery";

    private final List<String> platformCheckedEnvironments;

    /**
     * The construct id of {@code account}'s delivery stack: {@value #STACK_NAME} for the primary account (or when
     * shiplane.yml names none), {@code ShiplaneDelivery-<account>} for another one. {@code cdk deploy <id>} deploys it;
     * its template is {@code <id>.template.json}.
     */
    public static String idFor(String account, boolean primary) {
        return primary || account == null ? STACK_NAME : STACK_NAME + "-" + account;
    }

    /**
     * How the webhook reaches GitHub's Packages API, from the CDK context ({@code cdk deploy -c
     * githubTokenSecret=shiplane/github-token [-c githubApiUrl=https://HOST/api/v3]}); both {@code null} by default:
     * no tag lookup.
     */
    record GitHubAccess(String tokenSecretName, String apiUrl) {

        static GitHubAccess fromContext(software.constructs.Node node) {
            var token = node.tryGetContext(ShiplaneApp.GITHUB_TOKEN_SECRET_CONTEXT);
            var api = node.tryGetContext(ShiplaneApp.GITHUB_API_URL_CONTEXT);
            return new GitHubAccess(token == null ? null : token.toString(), api == null ? null : api.toString());
        }
    }

    /**
     * @param rotation   shiplane.yml's rotation section; no rotation function when it lists no secret
     * @param rotateCode the rotation function's jar ({@code null} when there is nothing to rotate)
     * @param canaryCode   the canary function's jar
     * @param rollbackCode the rollback function's jar
     * @param checksCode   the checks function's jar ({@code null} when no service declares checks)
     * @param notifyCode   the notify function's jar
     * @param hooksCode    the hooks function's jar ({@code null} when no service runs on ECS's engine)
     * @param gitHub       the GitHub token secret and API URL the webhook looks tags up with
     * @param concurrency  shiplane.yml's concurrency section: what the webhook, rollback and deploy functions reserve
     * @param operatorCode the operator function's jar
     * @param routes       what crosses to and from the other accounts' delivery stacks
     */
    ShiplaneDeliveryStack(Construct scope, String id, StackProps props, DeploymentScope deploymentScope,
                          CrossAccountRoutes routes, Code deployCode,
                          Code webhookCode, RotationSpec rotation, Code rotateCode, Code canaryCode,
                          Code rollbackCode, Code checksCode, Code notifyCode, Code hooksCode, GitHubAccess gitHub,
                          FunctionConcurrency concurrency, Code operatorCode) {
        super(scope, id, props);
        platformCheckedEnvironments = deploymentScope.checkedEnvironments().stream()
                .filter(DeploymentScope.CheckedEnvironment::platformVpc)
                .map(DeploymentScope.CheckedEnvironment::name).toList();
        var core = new DeliveryCore(this, "Core", coreProps(getNode()));
        var deploy = new ImagePushDeploy(this, "ImagePushDeploy", ImagePushDeployProps.builder()
                .code(deployCode)
                .core(core)
                .ecsServices(deploymentScope.ecsServices())
                .taskRoles(deploymentScope.taskRoles())
                .ecrRepositories(deploymentScope.ecrRepositories())
                .ecrRegistries(deploymentScope.ecrRegistries())
                .reservedConcurrency(concurrency.deploy())
                .build());
        var canary = new ProgressiveDelivery(this, "ProgressiveDelivery", ProgressiveDeliveryProps.builder()
                .code(canaryCode)
                .core(core)
                .ecsServices(deploymentScope.ecsServices())
                .build());
        var rollback = new AlarmRollback(this, "AlarmRollback", AlarmRollbackProps.builder()
                .code(rollbackCode)
                .core(core)
                .ecsServices(deploymentScope.ecsServices())
                .alarmNames(deploymentScope.alarmNames())
                .reservedConcurrency(concurrency.rollback())
                .build());
        if (!deploymentScope.platformEnvironments().isEmpty()) {
            deploy.addServiceInfraStacks(deploymentScope.platformEnvironments());
        }
        EcsLifecycleHooks hooks = null;
        if (!deploymentScope.nativeServices().isEmpty()) {
            hooks = new EcsLifecycleHooks(this, "EcsLifecycleHooks", EcsLifecycleHooksProps.builder()
                    .code(hooksCode)
                    .core(core)
                    .ecsServices(deploymentScope.nativeServices())
                    .ecrRepositories(deploymentScope.ecrRepositories())
                    .ecrRegistries(deploymentScope.ecrRegistries())
                    .build());
            deploy.addEcsHooks(hooks);
            rollback.addEcsHooks(hooks);
            canary.addEcsEngineControl(deploymentScope.nativeServices());
        }
        var webhook = new WebhookBridge(this, "WebhookBridge", WebhookBridgeProps.builder()
                .code(webhookCode)
                .bus(core.getBus())
                .ledger(core.getLedger())
                .gitHubTokenSecretName(gitHub.tokenSecretName())
                .gitHubApiUrl(gitHub.apiUrl())
                .reservedConcurrency(concurrency.webhook())
                .build());
        var notifications = new Notifications(this, "Notifications");
        var monitoring = new DeliveryMonitoring(this, "Monitoring", notifications.getTopic());
        monitoring.addFunction("deploy", deploy.getFunction(), deploy.getDeadLetterQueue());
        monitoring.addFunction("canary", canary.getFunction(), canary.getDeadLetterQueue());
        monitoring.addFunction("rollback", rollback.getFunction(), rollback.getDeadLetterQueue());
        monitoring.addFunction("webhook", webhook.getFunction(), null);
        var operators = new OperatorEntry(this, "OperatorEntry", OperatorEntryProps.builder()
                .code(operatorCode)
                .bus(core.getBus())
                .ledger(core.getLedger())
                .build());
        monitoring.addFunction("operator", operators.getFunction(), null);
        if (hooks != null) {
            monitoring.addFunction("hooks", hooks.getFunction(), null);
            output("HooksAliasArn", hooks.getAlias().getFunctionArn(),
                    "the hooks function's live alias, which ECS invokes at native deployments' lifecycle stages");
            output("HooksInvokeRoleArn", hooks.getInvokeRole().getRoleArn(),
                    "the role ECS assumes to invoke the hooks function");
        }
        var notify = new Notify(this, "Notify", NotifyProps.builder()
                .code(notifyCode)
                .bus(core.getBus())
                .ledger(core.getLedger())
                .topic(notifications.getTopic())
                .slackWebhookUrl(notifications.getSlackWebhookUrl())
                .dashboardName(DeliveryMonitoring.DASHBOARD_NAME)
                .build());
        monitoring.addFunction("notify", notify.getFunction(), notify.getDeadLetterQueue());

        if (!deploymentScope.checkedEnvironments().isEmpty()) {
            var checks = new HealthChecks(this, "HealthChecks", checksCode, core,
                    deploymentScope.checkedEnvironments());
            for (var checker : checks.checkers()) {
                monitoring.addFunction("checks-" + checker.environment(), checker.function(), checker.deadLetters());
            }
        }

        var redeployPublishers = new java.util.ArrayList<IRole>();
        if (!rotation.secrets().isEmpty()) {
            var rotate = new SecretRotation(this, "SecretRotation", SecretRotationProps.builder()
                    .code(rotateCode)
                    .bus(core.getBus())
                    .rotation(rotation)
                    .build());
            monitoring.addFunction("rotate", rotate.getFunction(), rotate.getDeadLetterQueue());
            output("RotateAliasArn", rotate.getAlias().getFunctionArn(),
                    "the rotation function's live alias (also the Lambda to give Secrets Manager's RotateSecret)");
            redeployPublishers.add(rotate.getFunction().getRole());
        }
        var ledgerWriters = new java.util.ArrayList<IRole>(List.of(deploy.getFunction().getRole(),
                canary.getFunction().getRole(), rollback.getFunction().getRole(), webhook.getFunction().getRole(),
                operators.getFunction().getRole(), notify.getFunction().getRole()));
        if (hooks != null) ledgerWriters.add(hooks.getFunction().getRole());
        core.restrictLedgerWritesTo(ledgerWriters, LedgerWriters.maintainersFromContext(getNode()));
        // Operators command shiplane only through the entry, which authorizes them; nobody else may put its events.
        core.getBusPolicy().reserve("OperatorEntry", BusPolicy.OPERATOR_DETAIL_TYPES,
                List.of(operators.getFunction().getRole()));
        core.getBusPolicy().reserve("SecretRotation", BusPolicy.ROTATION_DETAIL_TYPES, redeployPublishers);

        deploy.addForwardedEvents(core.getBus(), routes.promotionsIn(), routes.ecrEventsIn());
        CrossAccountForwarding.allowInbound(core.getBusPolicy(), routes);
        CrossAccountForwarding.reservePromotionClearance(core.getBusPolicy(), routes, deploy.getFunction().getRole());
        if (!routes.pullsOut().isEmpty()) CrossAccountForwarding.outputRepositoryPolicy(this, routes);
        if (routes.forwardsAnything()) {
            var forwarding = new CrossAccountForwarding(this, "CrossAccountForwarding", core.getBus(), routes);
            monitoring.addDeadLetterQueue("forwarding", forwarding.getDeadLetterQueue(), "events EventBridge could not"
                    + " put on another account's shiplane bus after its retries (its bus policy, or the bus, missing?)");
        }
        serveOnly(deploymentScope.servedEnvironments());

        output("BusName", core.getBus().getEventBusName(), "shiplane's event bus");
        output("LedgerTableName", core.getLedger().getTableName(), "the ledger table");
        output("DeployAliasArn", deploy.getAlias().getFunctionArn(), "the deploy function's live alias");
        output("DeployDeadLetterQueueUrl", deploy.getDeadLetterQueue().getQueueUrl(),
                "events the deploy function could not handle");
        output("CanaryAliasArn", canary.getAlias().getFunctionArn(), "the canary function's live alias");
        output("CanaryDeadLetterQueueUrl", canary.getDeadLetterQueue().getQueueUrl(),
                "events the canary function could not handle");
        output("RollbackAliasArn", rollback.getAlias().getFunctionArn(), "the rollback function's live alias");
        output("RollbackDeadLetterQueueUrl", rollback.getDeadLetterQueue().getQueueUrl(),
                "events the rollback function could not handle");
        output("NotifyAliasArn", notify.getAlias().getFunctionArn(), "the notify function's live alias");
        output("NotifyDeadLetterQueueUrl", notify.getDeadLetterQueue().getQueueUrl(),
                "lifecycle events that could not be announced (Slack or SNS down past the retries)");
        output("ScheduleGroupName", core.getScheduleGroupName(), "the Scheduler group of shiplane's one-shot schedules");
        output("SchedulerRoleArn", core.getSchedulerRole().getRoleArn(),
                "the role shiplane's schedules run as (PutEvents on the bus only)");
        output("WebhookUrl", webhook.getUrl().getUrl(),
                "GitHub webhook Payload URL (content type application/json; events: Registry packages)");
        output("WebhookSecretArn", webhook.getSecret().getSecretArn(),
                "the secret whose value is the GitHub webhook's Secret");
        output("OperatorUrl", operators.getUrl().getUrl(),
                "the operators' entry (AWS_IAM auth): give it to the shiplane CLI as SHIPLANE_OPERATOR_URL or"
                        + " --operator-url, and operators lambda:InvokeFunctionUrl on the operator function");
        output("OperatorAliasArn", operators.getAlias().getFunctionArn(),
                "the operator function's live alias: the Resource of operators' lambda:InvokeFunctionUrl and"
                        + " lambda:InvokeFunction permissions (docs/OPERATING.md)");
        output("NotificationsTopicArn", notifications.getTopic().getTopicArn(),
                "shiplane's notifications (its alarms); subscribe people or a chat integration");
        output("SlackWebhookSecretArn", notifications.getSlackWebhookUrl().getSecretArn(),
                "put the Slack incoming-webhook URL in this secret");
        output("DashboardName", monitoring.getDashboard().getDashboardName(), "shiplane's own CloudWatch dashboard");
    }

    /**
     * Tells every function of the stack which environments it acts for ({@link DeliveryEnvironment#SERVED_ENVIRONMENTS}):
     * with environments in several accounts, what another account's stack serves is left to that stack.
     */
    private void serveOnly(List<String> environments) {
        var served = String.join(",", environments);
        getNode().findAll().stream()
                .filter(software.amazon.awscdk.services.lambda.Function.class::isInstance)
                .map(software.amazon.awscdk.services.lambda.Function.class::cast)
                .forEach(function -> function.addEnvironment(DeliveryEnvironment.SERVED_ENVIRONMENTS, served));
    }

    /** The environments with a platform whose checks function runs in that platform's VPC: deploy them first. */
    List<String> platformCheckedEnvironments() {
        return platformCheckedEnvironments;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    private static DeliveryCoreProps coreProps(software.constructs.Node node) {
        var props = DeliveryCoreProps.builder();
        var retentionDays = node.tryGetContext(ShiplaneApp.LEDGER_RETENTION_DAYS_CONTEXT);
        if (retentionDays != null) {
            try {
                props.ledgerRetention(software.amazon.awscdk.Duration.days(Integer.parseInt(retentionDays.toString())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ShiplaneApp.LEDGER_RETENTION_DAYS_CONTEXT
                        + " must be a whole number of days; was '" + retentionDays + "'");
            }
        }
        return props.build();
    }
}
