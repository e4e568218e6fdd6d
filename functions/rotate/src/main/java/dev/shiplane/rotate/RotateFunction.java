package dev.shiplane.rotate;

import static dev.shiplane.contract.environment.DeliveryEnvironment.BUS_NAME;
import static dev.shiplane.contract.environment.RotationEnvironment.DB_TIMEOUT_SECONDS;
import static dev.shiplane.contract.environment.RotationEnvironment.STALE_SECONDS;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.EventBridgeBus;
import dev.shiplane.aws.SecretsManagerVault;
import dev.shiplane.contract.SampleEventPriming;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.contract.rotation.JsonCredentialsFormat;
import dev.shiplane.contract.rotation.RotationTrigger;
import dev.shiplane.contract.rotation.RotationTriggerParser;
import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.rotation.RotationOutcome;
import dev.shiplane.core.rotation.RotationService;
import dev.shiplane.core.rotation.RotationStep;
import dev.shiplane.core.rotation.RotationStepException;
import dev.shiplane.core.rotation.RotationToken;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The rotation function's composition root and its one entry point. Three inputs reach it: the monthly schedule
 * (every managed secret), {@code Rotation Requested} from the shiplane bus (one secret), and Secrets Manager's
 * rotation request {@code {SecretId, ClientRequestToken, Step, RotationToken}} (one step of one secret; the
 * RotationToken goes back to Secrets Manager with the pending value and is never logged).
 */
public final class RotateFunction {

    private static final Logger LOG = LoggerFactory.getLogger(RotateFunction.class);

    private final ShiplaneConfig config;
    private final RotationService rotations;
    private AwsClients clients;
    /** Managed secrets another account's stack rotates (those only its services consume). */
    private java.util.Set<String> rotatedElsewhere = java.util.Set.of();

    RotateFunction(ShiplaneConfig config, RotationService rotations) {
        this.config = config;
        this.rotations = rotations;
    }

    /** Wires the function from its environment: clients are built once and reused across invocations. */
    public static RotateFunction fromEnvironment(Map<String, String> env, Clock clock) {
        var aws = new AwsClients(env);
        var configured = DeliveryEnvironment.configured(env);
        var declared = configured.declared();
        // Each account's stack rotates the secrets its own services consume.
        var config = configured.config();
        var vault = new SecretsManagerVault(aws.lazy(SecretsManagerClient.class, SecretsManagerClient::builder));
        var bus = new EventBridgeBus(aws.lazy(EventBridgeClient.class, EventBridgeClient::builder), aws.required(BUS_NAME));
        var staleAfter = Duration.ofSeconds(Long.parseLong(env.getOrDefault(STALE_SECONDS, "300")));
        var database = new PostgresDatabaseUsers(
                Duration.ofSeconds(Long.parseLong(env.getOrDefault(DB_TIMEOUT_SECONDS, "10"))), staleAfter);
        var function = new RotateFunction(config, new RotationService(config, vault, database,
                new JsonCredentialsFormat(), bus, clock, staleAfter));
        function.rotatedElsewhere = declared.rotation().secrets().stream().map(SecretSpec::name)
                .filter(name -> config.rotation().secrets().stream().noneMatch(s -> s.name().equals(name)))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        function.clients = aws;
        return function;
    }

    /** SnapStart priming: its SDK clients built and warmed, its parser run over samples; nothing reaches AWS. */
    public void prime() {
        if (clients != null) {
            clients.prime();
        }
        SampleEventPriming.parseWith(RotationTriggerParser::parse);
    }

    /** Handles one input and returns a one-line summary (ids and outcomes only, never a value). */
    public String handle(byte[] input) {
        var trigger = RotationTriggerParser.parse(input);
        var result = switch (trigger) {
            case RotationTrigger.Scheduled scheduled -> rotateAll(scheduled.eventId());
            case RotationTrigger.Requested requested when rotatedElsewhere.contains(requested.secret()) ->
                    "ignored: " + requested.secret() + " is rotated by another account's delivery stack";
            case RotationTrigger.Requested requested -> {
                var secret = rotations.secretNamed(requested.secret());
                yield rotations.rotate(secret, RotationToken.of(requested.requestId(), secret.name())).toString();
            }
            case RotationTrigger.SecretsManagerStep step -> rotations.step(rotations.secretWithId(step.secretId()),
                    RotationStep.fromCode(step.step()), step.token(), step.rotationToken()).toString();
            case RotationTrigger.Unsupported other -> "ignored: unsupported event " + other.source() + " / "
                    + other.detailType();
        };
        LOG.info("{}: {}", describe(trigger), result);
        return result;
    }

    /**
     * Every managed secret, in configuration order. Here shiplane orchestrates what Secrets Manager's RotateSecret
     * would: the four steps of each rotation, in order, under a ClientRequestToken derived from the schedule's event
     * id, so that a redelivered event resumes each rotation where it stopped instead of starting another. One
     * secret's failure does not stop the others; the invocation then fails so that the event is retried.
     */
    private String rotateAll(String eventId) {
        List<RotationOutcome> outcomes = new ArrayList<>();
        List<RotationStepException> failures = new ArrayList<>();
        for (var secret : config.rotation().secrets()) {
            try {
                outcomes.add(rotations.rotate(secret, RotationToken.of(eventId, secret.name())));
            } catch (RotationStepException failure) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            var thrown = new IllegalStateException(failures.size() + " of " + config.rotation().secrets().size()
                    + " rotations failed (" + String.join("; ", failures.stream().map(Throwable::getMessage).toList())
                    + "); done: " + outcomes);
            failures.forEach(thrown::addSuppressed);
            throw thrown;
        }
        return outcomes.isEmpty() ? "no secrets to rotate" : String.join("; ",
                outcomes.stream().map(RotationOutcome::toString).toList());
    }

    private static String describe(RotationTrigger trigger) {
        return switch (trigger) {
            case RotationTrigger.Scheduled s -> "schedule " + s.rule() + " (event " + s.eventId() + ")";
            case RotationTrigger.Requested r -> "request " + r.requestId() + " by " + r.requestedBy();
            case RotationTrigger.SecretsManagerStep s -> "Secrets Manager " + s.step() + " of " + s.secretId();
            case RotationTrigger.Unsupported u -> "event";
        };
    }
}
