package dev.shiplane.infra;

import dev.shiplane.core.deploy.PromotionRouting;
import dev.shiplane.core.events.DomainEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The rules that send what another account's delivery stack needs to its {@code shiplane} bus: a
 * {@value #PROMOTION_CLEARED} for one of that account's environments (rule {@code PromotionCleared-<account>} on this
 * stack's {@code shiplane} bus) and, where this account holds the ECR repositories of services that account deploys,
 * the ECR events it acts on ({@link CrossAccountRoutes.EcrEvents}): successful pushes where it takes a service
 * directly (rule {@code EcrPushes-<account>}), scan results and Amazon Inspector's first scans where its scan gates
 * wait for them ({@code EcrScans-<account>}, {@code InspectorScan-<account>}), on the default bus, where AWS services
 * publish. The receiving bus's policy admits this account for exactly these detail-types ({@link BusPolicy},
 * {@link #allowInbound}); EventBridge keeps this account as the forwarded event's {@code account}, which the
 * receiving rules match on.
 *
 * <p>Every target puts on the other bus as one role (child {@code ForwardRole}, {@code events:PutEvents} on those
 * buses only: a cross-account bus target needs one), retries for at most an hour ({@link #PROMOTION_MAX_EVENT_AGE},
 * {@link #ECR_MAX_EVENT_AGE}; EventBridge's default is a day) and sends what it could not deliver to one queue (child
 * {@code DeadLetters}). The role has a name ({@link #forwardRoleName}) the receiving account can derive, so that its
 * bus admits a {@value #PROMOTION_CLEARED} from that role alone: the target trusts a clearance on the strength of
 * the account it comes from, and any other principal of that account with {@code events:PutEvents} could forge one.
 * ECR's and Inspector's events need no such guard: their {@code aws.*} sources are reserved to AWS services, which
 * no principal can put with {@code PutEvents}, so the account's root stays their principal.
 */
final class CrossAccountForwarding extends Construct {

    /** shiplane's event: a promotion its source side cleared for a target environment served by another account. */
    static final String PROMOTION_CLEARED = "Promotion Cleared";
    /**
     * How long EventBridge keeps retrying a {@value #PROMOTION_CLEARED} it could not put on the other bus: the
     * receiving deploy function refuses a clearance older than {@link PromotionRouting#CLEARANCE_FRESH_FOR} anyway,
     * so a later delivery would only be refused there; past it the event goes to the dead-letter queue.
     */
    static final Duration PROMOTION_MAX_EVENT_AGE = Duration.seconds(PromotionRouting.CLEARANCE_FRESH_FOR.toSeconds());
    /**
     * How long EventBridge keeps retrying ECR's and Inspector's events: an hour, not its default 24, because a push
     * deployed a day late, or a scan result reaching a gate that timed out long ago, helps nobody unnoticed; from the
     * dead-letter queue (alarm {@code shiplane-forwarding-dead-letters}) a person replays what still matters.
     */
    static final Duration ECR_MAX_EVENT_AGE = Duration.hours(1);
    /** Attempts within the maximum age: EventBridge's own maximum, so the age alone bounds the retries. */
    static final int MAX_RETRY_ATTEMPTS = 185;

    /** IAM's limit on a role's name. */
    static final int ROLE_NAME_LIMIT = 64;

    private final Role role;
    private final Queue deadLetters;

    CrossAccountForwarding(Construct scope, String id, IEventBus shiplaneBus, CrossAccountRoutes routes) {
        super(scope, id);
        role = Role.Builder.create(this, "ForwardRole")
                .roleName(forwardRoleName(this, Stack.of(this).getStackName()))
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("shiplane: forwards promotions and ECR events to the shiplane bus of other accounts")
                .build();
        deadLetters = DeadLetterQueue.create(this);
        routes.promotionsOut().forEach((account, environments) -> forward("PromotionCleared-" + account, shiplaneBus,
                EventPattern.builder()
                        .source(List.of(DomainEvent.SOURCE))
                        .detailType(List.of(PROMOTION_CLEARED))
                        .detail(Map.of("toEnv", environments))
                        .build(),
                account, PROMOTION_MAX_EVENT_AGE,
                "shiplane: promotions cleared here for " + environments + ", served by account " + account));
        routes.ecrEventsOut().forEach((account, events) -> events.byKind().forEach((kind, repositories) ->
                forward(kind.forwardRuleId(account), null, kind.pattern(repositories), account, ECR_MAX_EVENT_AGE,
                        kind.forwardDescription(account))));
    }

    /**
     * What the other accounts' forwarding rules may put on this account's bus ({@code routes}' inbound side): from
     * an account whose environments promote into this one, {@value #PROMOTION_CLEARED} from {@code shiplane}; from an
     * account holding repositories this one deploys from, the ECR and Inspector events this one acts on
     * ({@link CrossAccountRoutes.EcrEvents#byKind}: their sources and detail types). Nothing else, and from no other
     * account.
     */
    static void allowInbound(BusPolicy policy, CrossAccountRoutes routes) {
        routes.promotionsIn().forEach(account -> policy.allowPutEventsFromRole(account,
                forwardRoleArn(policy, account, ShiplaneDeliveryStack.STACK_NAME), List.of(PROMOTION_CLEARED),
                List.of(DomainEvent.SOURCE)));
        routes.ecrEventsIn().forEach((registry, events) -> {
            // one statement per source, admitting the detail types of that source's kinds
            var detailTypesBySource = new java.util.LinkedHashMap<String, List<String>>();
            events.byKind().keySet().forEach(kind ->
                    detailTypesBySource.computeIfAbsent(kind.source, s -> new ArrayList<>()).add(kind.detailType));
            detailTypesBySource.forEach((source, detailTypes) ->
                    policy.allowPutEventsFrom(registry, detailTypes, List.of(source)));
        });
    }

    /**
     * Only those who may put a {@value #PROMOTION_CLEARED} on this account's bus do (statement
     * {@code OnlyPromotionClearance}): the deploy function, which publishes it here when this account's environments
     * promote into another account's (the forwarding rule carries it there), and the forwarding roles of the accounts
     * whose environments promote into this one's. Without the Deny anyone here with {@code events:PutEvents} could
     * put one for the forwarding rule to carry, and the Allow of {@link #allowInbound} leaves the sending account's
     * other principals to that account's IAM policies. No statement where no promotion crosses accounts: the stack
     * then promotes within itself and hears no {@value #PROMOTION_CLEARED}.
     */
    static void reservePromotionClearance(BusPolicy policy, CrossAccountRoutes routes, IRole deployRole) {
        var publishers = new ArrayList<String>();
        if (!routes.promotionsOut().isEmpty()) publishers.add(deployRole.getRoleArn());
        routes.promotionsIn().forEach(account ->
                publishers.add(forwardRoleArn(policy, account, ShiplaneDeliveryStack.STACK_NAME)));
        if (publishers.isEmpty()) return;
        policy.reserveForRoleArns("PromotionClearance", List.of(PROMOTION_CLEARED), publishers);
    }

    /**
     * The forwarding role's name in the stack {@code stackName}: one per account and region (IAM names are global to
     * an account; a stack name to a region), derivable by the receiving account from the sending stack's name.
     */
    static String forwardRoleName(Construct scope, String stackName) {
        var name = stackName + "-forward-" + Stack.of(scope).getRegion();
        if (!Token.isUnresolved(name) && name.length() > ROLE_NAME_LIMIT) {
            throw new IllegalArgumentException("forwarding role name '" + name + "' is longer than IAM's "
                    + ROLE_NAME_LIMIT + " characters: shorten the stack's name");
        }
        return name;
    }

    /** The ARN of the forwarding role of stack {@code stackName} in {@code account}, in this stack's region. */
    static String forwardRoleArn(Construct scope, String account, String stackName) {
        return Stack.of(scope).formatArn(ArnComponents.builder().service("iam").region("").account(account)
                .resource("role").resourceName(forwardRoleName(scope, stackName))
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    /** What a repository's policy must allow another account to pull and describe its images (never layers' pushes). */
    static final List<String> REPOSITORY_READ_ACTIONS = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            "ecr:BatchCheckLayerAvailability", "ecr:DescribeImages", "ecr:DescribeImageScanFindings");

    /**
     * The repository policy ({@code aws ecr set-repository-policy --policy-text}) each repository of this account
     * that {@code deployingAccounts} deploy from needs: their root principals (their IAM policies decide which roles:
     * the platform's task execution roles, the deploy and hooks functions) may pull and describe its images. shiplane
     * imports the repositories by name and does not own them, so it prints the policy rather than setting it.
     */
    static String repositoryPolicy(Construct scope, java.util.Collection<String> deployingAccounts) {
        var partition = Stack.of(scope).getPartition();
        var principals = deployingAccounts.stream().sorted()
                .map(account -> "\"arn:" + partition + ":iam::" + account + ":root\"").toList();
        var actions = REPOSITORY_READ_ACTIONS.stream().map(a -> "\"" + a + "\"").toList();
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ShiplaneDeployingAccounts\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[" + String.join(",", principals) + "]},"
                + "\"Action\":[" + String.join(",", actions) + "]}]}";
    }

    /**
     * The stack output {@code EcrRepositoryPolicy}: {@link #repositoryPolicy} for the accounts deploying from this
     * one's repositories, its description listing the repositories to set it on.
     */
    static void outputRepositoryPolicy(Stack stack, CrossAccountRoutes routes) {
        var repositories = routes.pullsOut().values().stream().flatMap(List::stream).distinct().sorted().toList();
        software.amazon.awscdk.CfnOutput.Builder.create(stack, "EcrRepositoryPolicy")
                .value(repositoryPolicy(stack, routes.pullsOut().keySet()))
                .description("set this policy on each repository of " + String.join(", ", repositories)
                        + " (aws ecr set-repository-policy): the deploying accounts pull and describe its images")
                .build();
    }

    /** The {@code shiplane} bus of {@code account}, in this stack's region. */
    static String busArn(Construct scope, String account) {
        return Stack.of(scope).formatArn(ArnComponents.builder().service("events").account(account)
                .resource("event-bus").resourceName(DeliveryCoreProps.DEFAULT_BUS_NAME)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    private void forward(String id, IEventBus from, EventPattern pattern, String account, Duration maxEventAge,
                         String description) {
        var target = EventBus.fromEventBusArn(this, id + "-Bus", busArn(this, account));
        Rule.Builder.create(this, id).eventBus(from).eventPattern(pattern).description(description)
                .targets(List.of(new RetryBoundTarget(software.amazon.awscdk.services.events.targets.EventBus.Builder
                        .create(target).role(role).deadLetterQueue(deadLetters).build(),
                        MAX_RETRY_ATTEMPTS, maxEventAge)))
                .build();
    }

    Queue getDeadLetterQueue() {
        return deadLetters;
    }
}
