package dev.shiplane.cli;

import dev.shiplane.core.dora.DoraMetrics;
import dev.shiplane.core.ledger.Deployment;
import dev.shiplane.core.ledger.DeploymentStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The ledger of one service, newest first. */
@Command(name = "history", description = "Deployments of one service from the ledger, newest first.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    ShiplaneCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENV") String env;
    @Parameters(index = "1", paramLabel = "SERVICE") String service;

    @Option(names = "--limit", defaultValue = "20", description = "at most this many (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        var operator = root.operator();
        operator.target(env, service);
        var deployments = operator.ledger().history(env, service, limit);
        var out = spec.commandLine().getOut();
        if (root.json) {
            Output.json(out, deployments);
            return 0;
        }
        Output.table(out, deployments.stream().map(d -> Output.row(
                "created", d.createdAt(),
                "status", d.status().code(),
                "image", StatusCommand.shortImage(d.image()),
                "revision", StatusCommand.shortRevision(d.toTaskDefinition()),
                "commit", d.image().commit() == null ? null : d.image().commit().shortSha(),
                "leadTime", leadTime(d),
                "deployment", d.deploymentId(),
                "reason", d.reason())).toList());
        return 0;
    }

    /** A success's lead time and where it ran from ({@code 1h05m from commit}); nothing for other deployments. */
    private static String leadTime(Deployment d) {
        if (d.status() != DeploymentStatus.SUCCEEDED) return null;
        var lead = DoraMetrics.leadTime(d.image().commit(), d.pushedAt(), d.updatedAt());
        return lead == null ? null : StatusCommand.text(lead.duration()) + " from " + lead.from().code();
    }
}
