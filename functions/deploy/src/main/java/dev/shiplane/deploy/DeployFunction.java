package dev.shiplane.deploy;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DeliveryAdapters;
import dev.shiplane.aws.DynamoDbFreezes;
import dev.shiplane.aws.EcrImageCatalog;
import dev.shiplane.aws.EcrImageCommits;
import dev.shiplane.aws.EcrImageScans;
import dev.shiplane.aws.EcsSettingsTaskDefinitions;
import dev.shiplane.aws.EcsFamilyRevisions;
import dev.shiplane.aws.EcsTaskDefinitions;
import dev.shiplane.contract.SampleEventPriming;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.runtime.PowertoolsDeliveryMetrics;
import dev.shiplane.contract.inbound.EventParser;
import dev.shiplane.contract.inbound.InboundEvent;
import dev.shiplane.contract.inbound.ServedEvents;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.deploy.DeployService;
import dev.shiplane.core.deploy.DeploymentCompletion;
import dev.shiplane.core.deploy.ManualDeployService;
import dev.shiplane.core.deploy.PromotionService;
import dev.shiplane.core.deploy.PushAnnouncer;
import dev.shiplane.core.deploy.RedeployService;
import dev.shiplane.core.deploy.ScanGateService;
import dev.shiplane.core.deploy.TargetOutcome;
import dev.shiplane.core.deploy.VerificationService;
import dev.shiplane.core.ecsengine.ApprovalOutcome;
import dev.shiplane.core.ecsengine.ApprovalService;
import dev.shiplane.core.revisions.RevisionCleanupService;
import dev.shiplane.core.settings.SettingsChangeService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The deploy function's composition root and its one entry point. Three events reach it:
 * {@code ECR Image Action} (announced as {@code Image Pushed}), {@code Image Pushed} (deployed) and
 * {@code ECS Deployment State Change} (closes the deployment); and, for the scan gate, {@code ECR Image Scan} /
 * {@code Inspector2 Scan} (resumes or blocks deployments held for the scan) and {@code Scan Timeout Due}; for ECS's
 * engine, {@code ECS Hook State Change} (an approval ECS waits for) and {@code CloudFormation Stack Status Change}
 * (new container settings after a stack update); and {@code Deployment Succeeded}, after which the service's old
 * task-definition revisions are deregistered.
 */
public final class DeployFunction {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFunction.class);

    private final PushAnnouncer pushes;
    private final DeployService deployments;
    private final ScanGateService scanGate;
    private final DeploymentCompletion completions;
    private final PromotionService promotions;
    private final VerificationService verifications;
    private final RedeployService redeploys;
    private final ManualDeployService manualDeploys;
    private final ApprovalService approvals;
    private final SettingsChangeService settingsChanges;
    private final RevisionCleanupService revisionCleanup;
    private ServedEnvironments served = ServedEnvironments.all();
    private AwsClients clients;

    DeployFunction(PushAnnouncer pushes, DeployService deployments, ScanGateService scanGate,
                   DeploymentCompletion completions,
                   PromotionService promotions, VerificationService verifications, RedeployService redeploys,
                   ManualDeployService manualDeploys, ApprovalService approvals,
                   SettingsChangeService settingsChanges, RevisionCleanupService revisionCleanup) {
        this.revisionCleanup = revisionCleanup;
        this.approvals = approvals;
        this.settingsChanges = settingsChanges;
        this.manualDeploys = manualDeploys;
        this.redeploys = redeploys;
        this.pushes = pushes;
        this.deployments = deployments;
        this.scanGate = scanGate;
        this.completions = completions;
        this.promotions = promotions;
        this.verifications = verifications;
    }

    /** Wires the function from its environment: AWS clients are built once and reused across invocations. */
    public static DeployFunction fromEnvironment(Map<String, String> env, Clock clock) {
        var serving = DeliveryEnvironment.configured(env);
        var served = serving.served();
        // Promotion routing and push targets read every environment (to name the others' accounts); the rest acts
        // only where this stack serves.
        var declared = serving.declared();
        var config = serving.config();
        var aws = new DeliveryAdapters(new AwsClients(env), env, new PowertoolsDeliveryMetrics(env), clock);
        var taskDefinitions = new EcsTaskDefinitions(aws.ecs);
        // The deploy function's own: the scan gate, manual deploys and the commit of a push read ECR; the canary and rollback functions,
        // which share DeliveryAdapters, never do, and their packages (and policies) hold no ECR call.
        var ecr = aws.clients.lazy(EcrClient.class, EcrClient::builder);
        var deploys = new DeployService(declared, taskDefinitions, aws.rolloutStarter(), aws.ledger, aws.bus, aws.clock,
                aws.lease, new EcrImageScans(ecr, serving.account()), aws.scanRecords, aws.scheduler,
                new DynamoDbFreezes(aws.clients.lazy(DynamoDbClient.class, DynamoDbClient::builder),
                        aws.clients.required(DeliveryEnvironment.LEDGER_TABLE)), served);
        var function = new DeployFunction(new PushAnnouncer(aws.bus, new EcrImageCommits(ecr)), deploys,
                new ScanGateService(config, aws.ledger, deploys),
                new DeploymentCompletion(config, aws.ledger, aws.bus, aws.rolloutService(config), aws.scheduler,
                        aws.clock),
                new PromotionService(declared, served, aws.ledger, aws.alarms, deploys, aws.bus, aws.clock),
                new VerificationService(config, aws.ledger, aws.alarms, aws.bus, aws.clock),
                new RedeployService(config, taskDefinitions, aws.serviceRollouts, aws.ledger, aws.bus, aws.clock,
                        aws.lease),
                new ManualDeployService(config, new EcrImageCatalog(ecr),
                        aws.ledger, deploys, aws.bus, aws.clock),
                new ApprovalService(config, aws.ledger, aws.bus, aws.clock),
                new SettingsChangeService(config, taskDefinitions, new EcsSettingsTaskDefinitions(aws.ecs),
                        aws.rolloutStarter(), aws.rolloutExecutor(), aws.ledger, aws.bus, aws.clock, aws.lease,
                        aws.serviceRollouts),
                new RevisionCleanupService(config, aws.ledger, new EcsFamilyRevisions(aws.ecs), aws.clock));
        function.served = served;
        function.clients = aws.clients;
        return function;
    }

    /** SnapStart priming: its SDK clients built and warmed, its parser run over samples; nothing reaches AWS. */
    public void prime() {
        if (clients != null) {
            clients.prime();
        }
        SampleEventPriming.parseWith(EventParser::parse);
    }

    /** Handles one event and returns a one-line JSON summary (the invocation's result). */
    public String handle(byte[] event) {
        var inbound = EventParser.parse(event);
        var notServed = ServedEvents.notServed(served, inbound);
        if (notServed.isPresent()) {
            LOG.info("event {}: ignored: {}", inbound.eventId(), notServed.get());
            return "ignored: " + notServed.get();
        }
        var result = switch (inbound) {
            case InboundEvent.EcrImageAction ecr when ecr.isSuccessfulPush() -> {
                var announced = pushes.announce(ecr.push());
                yield "announced " + announced.displayName() + (announced.commit() == null ? ""
                        : " built from commit " + announced.commit().shortSha());
            }
            case InboundEvent.EcrImageAction ecr -> "ignored: ECR " + ecr.actionType() + " " + ecr.result();
            case InboundEvent.ImagePushedEvent pushed -> describe(deployments.deploy(pushed.push()));
            case InboundEvent.EcsDeployment ecs -> completions.onEcsDeploymentEvent(ecs.event()).text();
            case InboundEvent.Promotion due -> promotions.onDue(due.due()).result().text();
            case InboundEvent.PromotionClearance clearance ->
                    promotions.onCleared(clearance.cleared(), clearance.account()).result().text();
            case InboundEvent.Verification due -> verifications.onDue(due.due()).text();
            case InboundEvent.Succeeded succeeded -> revisionCleanup.onSucceeded(succeeded.succeeded()).text();
            case InboundEvent.Redeploy redeploy -> redeploys.redeploy(redeploy.request()).text();
            case InboundEvent.ManualDeploy manual -> manualDeploys.deploy(manual.request()).text();
            case InboundEvent.ImageScan scan -> describe(scanGate.onScanned(scan.scan()));
            case InboundEvent.ScanTimeout due -> describe(List.of(scanGate.onScanTimeout(due.due())));
            case InboundEvent.EcsHookState hook -> switch (approvals.onHookStateChange(hook.change())) {
                case ApprovalOutcome.Requested r -> "approval requested: " + r.env() + "/" + r.service() + " "
                        + r.deploymentId();
                case ApprovalOutcome.Ignored i -> "ignored: " + i.why();
            };
            case InboundEvent.StackStatusChange stack when stack.settled() ->
                    String.join("; ", settingsChanges.onStackUpdated(stack.eventId()).stream()
                            .map(c -> c.env() + "/" + c.service() + " " + c).toList());
            case InboundEvent.StackStatusChange stack -> "ignored: stack " + stack.status();
            default -> "ignored: " + inbound.getClass().getSimpleName() + " is not for the deploy function";
        };
        LOG.info("event {}: {}", inbound.eventId(), result);
        return result;
    }

    private static String describe(List<TargetOutcome> outcomes) {
        return String.join("; ", outcomes.stream()
                .map(o -> o.env() == null ? o.result().text() : o.env() + "/" + o.service() + " " + o.result().text())
                .toList());
    }
}
