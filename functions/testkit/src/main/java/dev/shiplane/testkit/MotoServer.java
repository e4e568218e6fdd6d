package dev.shiplane.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * moto in server mode ({@code moto_server}), started on a free loopback port, or reused when
 * {@code SHIPLANE_MOTO_ENDPOINT} names one already running (CI and the sandbox start one for every module).
 */
public final class MotoServer implements AwsEmulator {

    public static final String ENDPOINT_ENV = "SHIPLANE_MOTO_ENDPOINT";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String endpoint;
    private final Process process;
    private final Path log;
    private final EmulatorGateway gateway;

    private MotoServer(String endpoint, Process process, Path log) {
        this.endpoint = endpoint;
        this.process = process;
        this.log = log;
        this.gateway = EmulatorGateway.start(endpoint);
    }

    /** Uses {@code SHIPLANE_MOTO_ENDPOINT} if set, else starts a private moto_server that stops with the JVM. */
    public static MotoServer startOrReuse() {
        var existing = System.getenv(ENDPOINT_ENV);
        if (existing != null && !existing.isBlank()) {
            var server = new MotoServer(existing.replaceAll("/+$", ""), null, null);
            server.awaitReady(Duration.ofSeconds(20));
            return server;
        }
        return start();
    }

    public static MotoServer start() {
        int port = freePort();
        var command = motoCommand(port);
        try {
            var log = Files.createTempFile("moto-server-", ".log");
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            var server = new MotoServer("http://127.0.0.1:" + port, process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "moto-server-stop"));
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(missingMotoMessage() + " (" + e.getMessage() + ")", e);
        }
    }

    /** Where clients connect: the gateway in front of moto (see {@link EmulatorGateway}). */
    @Override
    public String endpoint() {
        return gateway.endpoint();
    }

    /** The gateway in front of moto, for fault injection. */
    public EmulatorGateway gateway() {
        return gateway;
    }

    @Override
    public void reset() {
        post("/moto-api/reset");
    }

    @Override
    public String describe() {
        return "moto server at " + endpoint + (process == null ? " (reused)" : " (started for this JVM)")
                + " behind gateway " + gateway.endpoint();
    }

    /** POSTs to moto's own API (reset, or a future time for state transitions). */
    public void post(String path) {
        post(path, "");
    }

    /** POSTs {@code body} to moto's own API (e.g. {@code /moto-api/reset-auth}'s count of free calls). */
    public void post(String path, String body) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path))
                    .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto at " + endpoint + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        gateway.close();
        if (process != null) {
            process.destroy();
        }
    }

    // Waiting for a child process to listen is test infrastructure, not function code: polling is fine here.
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("moto's launcher exited with " + process.exitValue() + ": "
                        + launcherLog() + "\n" + missingMotoMessage());
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("moto at " + endpoint + " did not answer within " + timeout);
    }

    /**
     * The repository's launcher ({@code scripts/lib/moto_server.py}: moto_server with emulator-side speed-ups and
     * ECS's service-deployment API, see there). It is the only way moto is started: plain moto_server lacks what the
     * tests prove against, and the launcher refuses a moto other than the pinned one ({@link #pinnedVersion}).
     */
    private static List<String> motoCommand(int port) {
        var launcher = RepoFiles.root().resolve("scripts/lib/moto_server.py");
        return List.of("python3", launcher.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port));
    }

    /** The moto version every script, test and CI install: {@code scripts/lib/moto-version}. */
    public static String pinnedVersion() {
        try {
            return Files.readString(RepoFiles.root().resolve("scripts/lib/moto-version")).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String missingMotoMessage() {
        return "moto server is required: install it with  python3 -m pip install --user \"moto[server]=="
                + pinnedVersion() + "\"";
    }

    private String launcherLog() {
        try {
            return log == null ? "" : Files.readString(log).strip();
        } catch (IOException e) {
            return "(its log " + log + " is unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
