package dev.shiplane.infra;

import dev.shiplane.core.events.DomainEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The rules that send what another account's delivery stack needs to its {@code shiplane} bus: a
 * {@value #PROMOTION_CLEARED} for one of that account's environments (rule {@code PromotionCleared-<account>} on this
 * stack's {@code shiplane} bus) and, where this account holds the ECR repositories of services that account deploys,
 * ECR's push and scan events and Amazon Inspector's first scan of their images (rules {@code EcrEvents-<account>} and
 * {@code InspectorScan-<account>} on the default bus, where AWS services publish). The receiving bus's policy admits
 * this account for exactly these detail-types ({@link BusPolicy}, {@link #allowInbound}); EventBridge keeps this account as the forwarded
 * event's {@code account}, which the receiving rules match on.
 *
 * <p>Every target puts on the other bus as one role (child {@code ForwardRole}, {@code events:PutEvents} on those
 * buses only: a cross-account bus target needs one) and sends what it could not deliver to one queue (child
 * {@code DeadLetters}).
 */
final class CrossAccountForwarding extends Construct {

    /** shiplane's event: a promotion its source side cleared for a target environment served by another account. */
    static final String PROMOTION_CLEARED = "Promotion Cleared";
    /** ECR's events the deploy function hears (the ECR rules of {@link DeployEventPatterns}). */
    static final List<String> ECR_DETAIL_TYPES = List.of("ECR Image Action", "ECR Image Scan");
    static final String ECR_SOURCE = "aws.ecr";
    static final String INSPECTOR_DETAIL_TYPE = "Inspector2 Scan";
    static final String INSPECTOR_SOURCE = "aws.inspector2";

    private final Role role;
    private final Queue deadLetters;

    CrossAccountForwarding(Construct scope, String id, IEventBus shiplaneBus, CrossAccountRoutes routes) {
        super(scope, id);
        role = Role.Builder.create(this, "ForwardRole")
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
                account, "shiplane: promotions cleared here for " + environments + ", served by account " + account));
        routes.ecrEventsOut().forEach((account, repositories) -> {
            forward("EcrEvents-" + account, null, EventPattern.builder()
                            .source(List.of(ECR_SOURCE))
                            .detailType(ECR_DETAIL_TYPES)
                            .detail(Map.of("repository-name", DeployEventPatterns.repositoryMatchers(repositories)))
                            .build(),
                    account, "shiplane: pushes and scans of repositories account " + account + " deploys from");
            forward("InspectorScan-" + account, null, DeployEventPatterns.inspectorInitialScan(repositories),
                    account, "shiplane: Inspector's first scans of images account " + account + " deploys");
        });
    }

    /**
     * What the other accounts' forwarding rules may put on this account's bus ({@code routes}' inbound side): from
     * an account whose environments promote into this one, {@value #PROMOTION_CLEARED} from {@code shiplane}; from an
     * account holding repositories this one deploys from, ECR's events from {@value #ECR_SOURCE} and Inspector's
     * from {@value #INSPECTOR_SOURCE}. Nothing else, and from no other account.
     */
    static void allowInbound(BusPolicy policy, CrossAccountRoutes routes) {
        routes.promotionsIn().forEach(account -> policy.allowPutEventsFrom(account, List.of(PROMOTION_CLEARED),
                List.of(DomainEvent.SOURCE)));
        routes.ecrEventsIn().keySet().forEach(registry -> {
            policy.allowPutEventsFrom(registry, ECR_DETAIL_TYPES, List.of(ECR_SOURCE));
            policy.allowPutEventsFrom(registry, List.of(INSPECTOR_DETAIL_TYPE), List.of(INSPECTOR_SOURCE));
        });
    }

    /** The {@code shiplane} bus of {@code account}, in this stack's region. */
    static String busArn(Construct scope, String account) {
        return Stack.of(scope).formatArn(ArnComponents.builder().service("events").account(account)
                .resource("event-bus").resourceName(DeliveryCoreProps.DEFAULT_BUS_NAME)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    private void forward(String id, IEventBus from, EventPattern pattern, String account, String description) {
        var target = EventBus.fromEventBusArn(this, id + "-Bus", busArn(this, account));
        Rule.Builder.create(this, id).eventBus(from).eventPattern(pattern).description(description)
                .targets(List.of(software.amazon.awscdk.services.events.targets.EventBus.Builder.create(target)
                        .role(role).deadLetterQueue(deadLetters).build()))
                .build();
    }

    Queue getDeadLetterQueue() {
        return deadLetters;
    }
}
