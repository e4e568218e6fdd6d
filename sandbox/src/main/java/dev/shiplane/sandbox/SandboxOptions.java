package dev.shiplane.sandbox;

import java.nio.file.Path;

/** Command-line options of the sandbox. */
record SandboxOptions(boolean json, Path eventsDir, Path configFile, Path workDir, boolean help, boolean serve) {

    static final String USAGE = """
            usage: scripts/sandbox [--json] [--events DIR] [--config FILE] [--serve]
              --json          one JSON line per domain event on standard output (the timeline goes to standard error)
              --events DIR    replay the .json event files of DIR in name order (default: events/story)
              --config FILE   shiplane configuration (default: shiplane.yml)
              --serve         keep the world running after the story: files dropped in .sandbox/inbox are replayed
                              as they arrive (events, or directives such as {"sandbox": "advance", "by": "20m"}),
                              events put on the bus are dispatched, and `scripts/shiplane --local` talks to it;
                              {"sandbox": "stop"} (or Ctrl-C) ends it
            Exit status: 0 when every event was handled, 1 otherwise, 2 for bad arguments.""";

    static SandboxOptions parse(String[] args) {
        return parse(args, dev.shiplane.testkit.RepoFiles.root().resolve(".sandbox"));
    }

    static SandboxOptions parse(String[] args, Path workDir) {
        var root = dev.shiplane.testkit.RepoFiles.root();
        boolean json = false;
        boolean help = false;
        boolean serve = false;
        Path events = root.resolve("events/story");
        Path config = root.resolve("shiplane.yml");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--events" -> events = Path.of(value(args, ++i, "--events")).toAbsolutePath();
                case "--config" -> config = Path.of(value(args, ++i, "--config")).toAbsolutePath();
                case "-h", "--help" -> help = true;
                case "--serve" -> serve = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new SandboxOptions(json, events, config, workDir, help, serve);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
