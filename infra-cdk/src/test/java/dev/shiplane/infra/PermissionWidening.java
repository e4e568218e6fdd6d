package dev.shiplane.infra;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every grant in a function's policy that is wider than what its calls touch (a resource with a wildcard where the
 * calls name one ARN, or an action no call needs), each with the reason it must be so. The permissions test fails
 * on a widening that has no row here, and on a row that no grant uses any more, so this table is always the whole
 * list of shiplane's widenings (docs/PERMISSIONS.md explains them to users).
 *
 * @param action   the statement's action as written ({@code ecs:TagResource})
 * @param resource the statement's resource, resolved to the test account; {@code *} in it matches anything
 */
record PermissionWidening(String action, String resource, String reason) {

    private static final String ACCOUNT = ":" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":";

    static final List<PermissionWidening> ALL = List.of(
            new PermissionWidening("ecs:TagResource", "arn:aws:ecs" + ACCOUNT + "task-definition/*",
                    "A revision is registered in the family of the revision a service runs, known only then; the"
                            + " statement's ecs:CreateAction condition allows tagging only within RegisterTaskDefinition,"
                            + " never re-tagging an existing revision"),
            new PermissionWidening("ecs:ContinueServiceDeployment", "arn:aws:ecs" + ACCOUNT
                    + "service-deployment/*/*/*", "A deployment's id is ECS's, known once it starts; the grant names"
                            + " each native service's cluster and service"),
            new PermissionWidening("ecs:StopServiceDeployment", "arn:aws:ecs" + ACCOUNT
                    + "service-deployment/*/*/*", "As ContinueServiceDeployment"),
            new PermissionWidening("scheduler:CreateSchedule", "arn:aws:scheduler" + ACCOUNT + "schedule/shiplane/*",
                    "Schedules are named per rollout step when created; the grant is limited to shiplane's group"),
            new PermissionWidening("scheduler:DeleteSchedule", "arn:aws:scheduler" + ACCOUNT + "schedule/shiplane/*",
                    "As CreateSchedule"),
            new PermissionWidening("elasticloadbalancing:ModifyRule", "arn:aws:elasticloadbalancing" + ACCOUNT
                    + "listener-rule/app/*", "A rule's ARN holds its load balancer's and listener's generated ids,"
                            + " which the delivery stack cannot know; the rollout finds the rule at run time by the"
                            + " colours' target group names"),
            new PermissionWidening("iam:PassRole", "arn:aws:iam::" + TemplateValues.ACCOUNT + ":role/"
                    + ServiceInfraStack.STACK_NAME_PREFIX + "*", "A platform stack's task and execution roles are named"
                            + " by CloudFormation after the stack (ShiplaneServiceInfra-<env>-<id>-<random>): the grant"
                            + " names each environment's stack, and passes them to ECS tasks only"),
            new PermissionWidening("dynamodb:Query", "arn:aws:dynamodb" + ACCOUNT + "table/*/index/history",
                    "The ledger's one query reads its history index; the deploy function, the one that reads history,"
                            + " is granted it by name. The packages of the canary, hooks and rollback functions hold the"
                            + " same ledger adapter but never read history, and get no index grant"),
            new PermissionWidening("secretsmanager:*", "arn:aws:secretsmanager" + ACCOUNT + "secret:*-??????",
                    "Secrets Manager ends a secret's ARN with six random characters; '??????' matches exactly those"
                            + " after the configured name"));

    boolean matches(String statementAction, String statementResource) {
        return glob(action).matcher(statementAction).matches() && glob(resource).matcher(statementResource).matches();
    }

    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        for (var c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
