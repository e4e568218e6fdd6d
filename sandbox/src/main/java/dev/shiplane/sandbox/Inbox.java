package dev.shiplane.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A serving sandbox's ({@code --serve}) doors to the outside: the directory whose dropped {@code .json} files it replays
 * as story files, and the environment file that tells {@code scripts/shiplane --local} (or any AWS tool) where its
 * emulator, bus and ledger are and which credentials to call them with. The environment file exists only while the
 * sandbox serves.
 */
final class Inbox implements AutoCloseable {

    static final String DIRECTORY = "inbox";
    static final String ENVIRONMENT_FILE = "serve.env";

    private final Path directory;
    private final Path replayed;
    private final Path environmentFile;

    private Inbox(Path workDir) {
        this.directory = workDir.resolve(DIRECTORY);
        this.replayed = directory.resolve("replayed");
        this.environmentFile = workDir.resolve(ENVIRONMENT_FILE);
    }

    /** Opens the inbox in {@code workDir} and writes the environment a caller of the sandbox needs. */
    static Inbox open(Path workDir, Map<String, String> environment) throws IOException {
        var inbox = new Inbox(workDir);
        Files.createDirectories(inbox.replayed);
        inbox.writeEnvironment(environment);
        Runtime.getRuntime().addShutdownHook(new Thread(inbox::removeEnvironment, "sandbox-inbox-close"));
        return inbox;
    }

    /**
     * Writes the environment file again (the story clock's lead grows with each advance). A reader sees the old file
     * or the new one, never half of one: it is replaced with a move.
     */
    void writeEnvironment(Map<String, String> environment) throws IOException {
        var lines = environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
        var next = environmentFile.resolveSibling(environmentFile.getFileName() + ".next");
        Files.writeString(next, lines);
        Files.move(next, environmentFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path directory() {
        return directory;
    }

    Path environmentFile() {
        return environmentFile;
    }

    /** The files dropped since the last call, in name order, each moved to {@code replayed/} before it is replayed. */
    List<Path> take() throws IOException {
        List<Path> dropped;
        try (var files = Files.list(directory)) {
            dropped = files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
        List<Path> taken = new java.util.ArrayList<>();
        for (var file : dropped) {
            var target = replayed.resolve(System.currentTimeMillis() + "-" + file.getFileName());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            taken.add(target);
        }
        return taken;
    }

    private void removeEnvironment() {
        try {
            Files.deleteIfExists(environmentFile);
        } catch (IOException ignored) {
            // the JVM is ending; a stale file is refused by the CLI's connection check
        }
    }

    @Override
    public void close() {
        removeEnvironment();
    }
}
