package dev.shiplane.testkit;

import java.io.File;
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
    private final EmulatorGateway gateway;

    private MotoServer(String endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
        this.gateway = EmulatorGateway.start(endpoint);
    }

    /** Uses {@code SHIPLANE_MOTO_ENDPOINT} if set, else starts a private moto_server that stops with the JVM. */
    public static MotoServer startOrReuse() {
        var existing = System.getenv(ENDPOINT_ENV);
        if (existing != null && !existing.isBlank()) {
            var server = new MotoServer(existing.replaceAll("/+$", ""), null);
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
            var server = new MotoServer("http://127.0.0.1:" + port, process);
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
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
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
        if (process != null) {
            process.destroy();
        }
    }

    // Waiting for a child process to listen is test infrastructure, not function code: polling is fine here.
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ". "
                        + missingMotoMessage());
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
     * The repository's launcher ({@code scripts/lib/moto_server.py}: moto_server with EventBridge's target rendering
     * made ~30× faster, see there) when this Python has moto, else {@code moto_server} itself.
     */
    private static List<String> motoCommand(int port) {
        var address = List.of("-H", "127.0.0.1", "-p", Integer.toString(port));
        var launcher = RepoFiles.root().resolve("scripts/lib/moto_server.py");
        if (Files.isRegularFile(launcher) && pythonHasMoto()) {
            return concat(List.of("python3", launcher.toString()), address);
        }
        for (var dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "moto_server"))) {
                return concat(List.of(Path.of(dir, "moto_server").toString()), address);
            }
        }
        return concat(List.of("python3", "-m", "moto.server"), address);
    }

    private static boolean pythonHasMoto() {
        try {
            var probe = new ProcessBuilder("python3", "-c", "import moto.server").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static String missingMotoMessage() {
        return "moto server is required: install it with  pip install --user \"moto[server]\"  (moto 5.2.1 tested)";
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
