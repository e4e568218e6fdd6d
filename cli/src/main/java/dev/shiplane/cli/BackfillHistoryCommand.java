package dev.shiplane.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Once, after upgrading: deployments recorded before the ledger's history index get the index's key and their expiry,
 * so that history, status and DORA see them, and the deployment each service runs stops expiring (earlier versions
 * gave it an expiry like any other). Safe to run again and while shiplane runs.
 */
@Command(name = "backfill-history", description = "Once, after upgrading: index the deployments recorded before the"
        + " ledger's history index (they are missing from history and status until then) and keep each service's"
        + " running deployment from expiring. Scans the table once.")
final class BackfillHistoryCommand implements Callable<Integer> {

    @ParentCommand
    ShiplaneCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--retention-days", defaultValue = "400",
            description = "expire each deployment this long after its creation, as the stack's ledgerRetentionDays"
                    + " (default: ${DEFAULT-VALUE})")
    int retentionDays;

    @Override
    public Integer call() {
        var done = root.operator().historyBackfill(Duration.ofDays(retentionDays)).run(root.clock().instant());
        var out = spec.commandLine().getOut();
        if (root.json) Output.json(out, Map.of("indexed", done.indexed(), "kept", done.kept()));
        else {
            out.println(done.indexed() + " deployment(s) indexed, " + done.kept()
                    + " running deployment(s) no longer set to expire");
            out.flush();
        }
        return 0;
    }
}
