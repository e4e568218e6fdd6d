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
 * Once, after the stack update that added the ledger's history index: deployments recorded before it get the index's
 * key and their expiry, so that history, status and DORA see them. Safe to run again and while shiplane runs.
 */
@Command(name = "backfill-history", description = "Once, after upgrading: index the deployments recorded before the"
        + " ledger's history index (they are missing from history and status until then). Scans the table once.")
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
        var updated = root.operator().historyBackfill(Duration.ofDays(retentionDays)).run(root.clock().instant());
        var out = spec.commandLine().getOut();
        if (root.json) Output.json(out, Map.of("indexed", updated));
        else {
            out.println(updated + " deployment(s) indexed");
            out.flush();
        }
        return 0;
    }
}
