package dev.shiplane.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code shiplane}: the operator's entry point. Requests go to the operator function, signed with the operator's own
 * credentials, which puts them on the bus as events once it has authorized who asks, so the same functions, leases
 * and ledger apply as for a push; reads go to the ledger; {@code plan} reads only the configuration.
 */
@Command(name = "shiplane", mixinStandardHelpOptions = true, version = "shiplane 0.1.0",
        description = "Operate shiplane: send requests to its operator entry, read its ledger, plan a push.",
        subcommands = {RequestCommands.Deploy.class, RequestCommands.Rollback.class, RequestCommands.Promote.class,
                RequestCommands.Abort.class, RequestCommands.Pause.class, RequestCommands.Resume.class,
                StatusCommand.class, HistoryCommand.class, PlanCommand.class, FreezeCommands.Freeze.class,
                FreezeCommands.Unfreeze.class, BackfillHistoryCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:AWS refused or failed (message on stderr)",
                "2:usage error, no operator entry found, or credentials for another account than the environment's",
                "3:unknown environment or service", "4:refused: you may not take this action in this environment"})
public final class ShiplaneCli implements Runnable {

    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNKNOWN_TARGET = 3;
    static final int REFUSED = 4;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON instead of a table")
    boolean json;

    @Option(names = "--local", scope = ScopeType.INHERIT,
            description = "talk to the sandbox serving with scripts/sandbox --serve (SHIPLANE_ENDPOINT, default "
                    + "http://127.0.0.1:5000, on its story's clock, SHIPLANE_SANDBOX_CLOCK_AHEAD; scripts/shiplane reads"
                    + " them from .sandbox/serve.env)")
    boolean local;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "AWS endpoint override (default: SHIPLANE_ENDPOINT, else AWS_ENDPOINT_URL, else AWS itself)")
    String endpoint;

    @Option(names = "--region", scope = ScopeType.INHERIT,
            description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION; us-east-1 with --local)")
    String region;

    @Option(names = "--table", scope = ScopeType.INHERIT,
            description = "the ledger table (default: SHIPLANE_LEDGER_TABLE, else shiplane-ledger)")
    String table;

    @Option(names = "--operator-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the operator function's URL, to which every request (freeze and unfreeze included) goes"
                    + " signed with your credentials (default: SHIPLANE_OPERATOR_URL, else the OperatorUrl output of"
                    + " the ShiplaneDelivery stack in your account and region)")
    String operatorUrl;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "shiplane.yml (default: SHIPLANE_CONFIG_FILE, else ./shiplane.yml)")
    String config;

    /**
     * With {@code --local}: how far the serving sandbox's story clock is ahead of this machine's (an ISO-8601
     * duration; {@code scripts/shiplane} reads it from {@code .sandbox/serve.env}), so that requests, freezes and the
     * DORA period are on the story's time, as the functions are.
     */
    public static final String SANDBOX_CLOCK_AHEAD = "SHIPLANE_SANDBOX_CLOCK_AHEAD";

    /** The operator entry's URL ({@code --operator-url}'s default): the delivery stack's {@code OperatorUrl} output. */
    public static final String OPERATOR_URL = "SHIPLANE_OPERATOR_URL";

    final Map<String, String> environment;
    private final Clock machineClock;
    private Operator operator;
    /** How a request waits before it is sent to the operator entry again; tests record the waits instead. */
    EntryRetries.Sleeper sleeper = wait -> Thread.sleep(wait);

    ShiplaneCli(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.machineClock = clock;
    }

    /** What every command reads the time from: the machine's clock, or with {@code --local} the sandbox story's. */
    Clock clock() {
        var ahead = environment.get(SANDBOX_CLOCK_AHEAD);
        if (!local || ahead == null || ahead.isBlank()) return machineClock;
        return Clock.offset(machineClock, Duration.parse(ahead));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command (shiplane --help lists them)");
    }

    /** The connection these options describe, built on first use and shared by the command. */
    Operator operator() {
        return operator == null ? operator = new Operator(this) : operator;
    }

    /**
     * A command line with shiplane's exit codes and error reporting; tests (here and in the reliability suite, which
     * counts what a command reads) pass their own environment and writers.
     */
    public static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return commandLine(environment, Clock.systemUTC(), out, err);
    }

    /** @param clock what the commands read the time from (the sandbox's story clock, when it runs the CLI) */
    public static CommandLine commandLine(Map<String, String> environment, Clock clock, PrintWriter out,
                                          PrintWriter err) {
        var app = new ShiplaneCli(environment, clock);
        var cli = new CommandLine(app);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (app.local && refusedConnection(e)) {
                commandLine.getErr().println("shiplane: nothing answers at the sandbox's emulator ("
                        + environment.getOrDefault(Operator.ENDPOINT_ENV, Operator.LOCAL_ENDPOINT) + "). Start a"
                        + " sandbox that keeps running after its story:  scripts/sandbox --serve");
                return FAILED;
            }
            commandLine.getErr().println("shiplane: " + e.getMessage());
            if (e instanceof WrongAccountException) return USAGE;
            return e instanceof UnknownTargetException ? UNKNOWN_TARGET
                    : e instanceof NoOperatorEntryException ? USAGE : FAILED;
        });
        return cli;
    }

    private static boolean refusedConnection(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) return true;
        }
        return false;
    }

    /**
     * Runs one command line in this JVM against {@code environment} (the sandbox's {@code cli} story step does this
     * against its emulator) and returns the exit code.
     */
    public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return run(environment, Clock.systemUTC(), out, err, args);
    }

    /** As {@link #run(Map, PrintWriter, PrintWriter, String...)}, on {@code clock}: the sandbox's story clock. */
    public static int run(Map<String, String> environment, Clock clock, PrintWriter out, PrintWriter err,
                          String... args) {
        return commandLine(environment, clock, out, err).execute(args);
    }

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        int code = commandLine(System.getenv(), out, err).execute(args);
        out.flush();
        System.exit(code);
    }
}
