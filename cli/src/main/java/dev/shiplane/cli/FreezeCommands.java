package dev.shiplane.cli;

import dev.shiplane.contract.config.DurationText;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Ad-hoc freezes, kept in the ledger: while one holds, a push into the environment is {@code Deployment Skipped}
 * ({@code freeze}); rollbacks are never frozen. Calendar windows live in shiplane.yml ({@code freezes:}). Both go
 * through the operator entry like every request: it writes the freeze in the ledger and announces it on the bus
 * ({@code Freeze Started}, {@code Freeze Lifted}) with the caller AWS verified.
 */
final class FreezeCommands {

    private FreezeCommands() {}

    @Command(name = "freeze", description = "Freeze ENV until a time: pushes are skipped (reason freeze); rollbacks still run.")
    static final class Freeze implements Callable<Integer> {

        @ParentCommand
        ShiplaneCli root;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENV") String env;

        @Option(names = "--until", required = true, paramLabel = "WHEN",
                description = "an instant (2026-11-27T18:00:00Z) or a duration from now (90m, 2h, 1d)")
        String until;

        @Option(names = "--reason", required = true, description = "why, for whoever's push is skipped")
        String reason;

        @Option(names = "--request-id", description = RequestCommands.REQUEST_ID_HELP)
        String requestId;

        @Override
        public Integer call() {
            var operator = root.operator();
            operator.environment(env);
            var now = root.clock().instant();
            var end = end(now);
            return RequestCommands.submit(spec, root, operator.entry(), java.util.Map.of("action", "freeze",
                    "env", env, "until", end.toString(), "reason", reason), requestId);
        }

        private Instant end(Instant now) {
            try {
                return Character.isDigit(until.charAt(0)) && until.contains("T") ? Instant.parse(until)
                        : now.plus(DurationText.parse(until));
            } catch (RuntimeException bad) {
                throw new ParameterException(spec.commandLine(), "--until: '" + until
                        + "' is neither an instant (2026-11-27T18:00:00Z) nor a duration (90m, 2h)");
            }
        }
    }

    @Command(name = "unfreeze", description = "Lift the ad-hoc freeze of ENV (calendar windows stay).")
    static final class Unfreeze implements Callable<Integer> {

        @ParentCommand
        ShiplaneCli root;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENV") String env;

        @Option(names = "--request-id", description = RequestCommands.REQUEST_ID_HELP)
        String requestId;

        @Override
        public Integer call() {
            var operator = root.operator();
            operator.environment(env);
            return RequestCommands.submit(spec, root, operator.entry(), java.util.Map.of("action", "unfreeze",
                    "env", env), requestId);
        }
    }
}
