package dev.shiplane.cli;

import dev.shiplane.core.config.Target;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.ServiceState;
import dev.shiplane.core.ledger.Ledger;
import dev.shiplane.core.ledger.StableRevision;
import dev.shiplane.core.ecsengine.ApprovalService;
import dev.shiplane.core.dora.DoraMetrics;
import java.time.Duration;
import java.time.Instant;
import dev.shiplane.core.image.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A table of services from the ledger: stable revision and image, the active rollout, the last thing that happened,
 * and the service's DORA figures over the last {@code --days}; then who may act in each environment.
 */
@Command(name = "status", description = "Services of one or every environment: stable revision, rollout, last event,"
        + " DORA figures (deployments, median lead time and whether it ran from the commit or the push, push to live,"
        + " change failure rate, median time to restore), and who may act.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    ShiplaneCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENV", arity = "0..1", description = "one environment (default: all)")
    String env;

    @Option(names = "--days", defaultValue = "30", description = "period of the DORA figures (default: ${DEFAULT-VALUE})")
    int days;

    /**
     * How long before the period its deployments may have begun: DORA counts a deployment in the period it ended in,
     * the ledger finds it by when it began. A deployment still under way after a day has ended as far as DORA cares.
     */
    static final Duration LONGEST_DEPLOYMENT = Duration.ofDays(1);

    @Override
    public Integer call() {
        var operator = root.operator();
        List<Target> targets;
        List<String> shown;
        if (env == null) {
            shown = EnvironmentAccounts.readableHere(operator.config(), operator::callerAccount).stream()
                    .map(e -> e.name()).toList();
            targets = shown.stream().flatMap(e -> operator.config().targetsIn(e).stream()).toList();
        } else {
            shown = List.of(env);
            operator.environment(env);
            targets = operator.config().targetsIn(env);
        }
        var ledger = operator.ledger();
        var to = root.clock().instant();
        var from = to.minus(Duration.ofDays(days));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var t : targets) {
            var state = ledger.serviceState(t.env(), t.serviceName());
            // the period's deployments, whatever the history's length; the newest one apart if the period has none
            var history = ledger.history(t.env(), t.serviceName(), from.minus(LONGEST_DEPLOYMENT), Integer.MAX_VALUE);
            var last = history.stream().findFirst()
                    .or(() -> ledger.history(t.env(), t.serviceName(), 1).stream().findFirst());
            var dora = DoraMetrics.compute(history, from, to);
            var rollout = state.rollout() != null && state.rollout().phase().active() ? state.rollout() : null;
            var approval = active(ledger, state, history).map(Deployment::approval).orElse(null);
            rows.add(Output.row(
                    "env", t.env(),
                    "service", t.serviceName(),
                    "stable", shortRevision(state.stableTaskDefinition()),
                    // The stable revision's image: what the serving service runs, not the last deployment's.
                    "image", StableRevision.imageOf(state.stableTaskDefinition(), history)
                            .map(StatusCommand::shortImage).orElse(null),
                    "rollout", rollout == null ? null : rollout.phase().code() + " step " + (rollout.stepIndex() + 1)
                            + "/" + rollout.steps().size() + (rollout.paused() ? " (paused)" : ""),
                    "weight", rollout == null ? null : rollout.canaryWeight() + "%",
                    "approval", approval == null ? null : "waiting until " + approval.expiresAt() + ": "
                            + ApprovalService.promoteCommand(t),
                    "last", last.map(d -> d.status().code() + " " + shortImage(d.image()) + " at " + d.updatedAt())
                            .orElse(null),
                    "deploys", dora.deployments(),
                    "leadTime", text(dora.leadTime()),
                    // DORA's lead time runs from the commit where the image says when it was made: say which
                    "leadTimeFrom", dora.leadTimeFrom(),
                    "pushToLive", text(dora.pushToLive()),
                    "failureRate", dora.changeFailureRate() == null ? null
                            : Math.round(dora.changeFailureRate() * 100) + "%",
                    "timeToRestore", text(dora.timeToRestore())));
            if (root.json) rows.getLast().put("operators", OperatorsView.json(operator.config().operators(), t.env()));
        }
        var out = spec.commandLine().getOut();
        if (root.json) {
            Output.json(out, rows);
            return 0;
        }
        Output.table(out, rows);
        var elsewhere = env == null ? EnvironmentAccounts.elsewhere(operator.config(), operator::callerAccount)
                : List.<String>of();
        if (!elsewhere.isEmpty()) {
            out.println("Not shown, in other accounts (their ledgers are read with their credentials): "
                    + String.join(", ", elsewhere));
        }
        OperatorsView.print(out, operator.config().operators(), shown);
        return 0;
    }

    /** The deployment the head names active: among those read already, else read by its id. */
    private static Optional<Deployment> active(Ledger ledger, ServiceState state, List<Deployment> read) {
        if (state.activeDeploymentId() == null) return Optional.empty();
        return read.stream().filter(d -> d.deploymentId().equals(state.activeDeploymentId())).findFirst()
                .or(() -> ledger.deployment(state.env(), state.service(), state.activeDeploymentId()));
    }

    /** {@code 1h05m}, {@code 30m}, {@code 45s}: short enough for a table column. */
    static String text(Duration d) {
        if (d == null) return null;
        long s = d.toSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
        return s / 3600 + "h" + String.format("%02dm", s % 3600 / 60);
    }

    static String shortRevision(String taskDefinitionArn) {
        if (taskDefinitionArn == null) return null;
        int slash = taskDefinitionArn.lastIndexOf('/');
        return slash < 0 ? taskDefinitionArn : taskDefinitionArn.substring(slash + 1);
    }

    static String shortImage(ImageRef image) {
        if (image == null) return null;
        return image.tag() != null ? image.repository() + ":" + image.tag()
                : image.repository() + "@" + shortDigest(image.digest());
    }

    private static String shortDigest(String digest) {
        return digest != null && digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
