package dev.shiplane.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shiplane.sandbox.crac.Core;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plays Lambda SnapStart for one function, with CRIU standing in for the microVM snapshot: Lambda's init phase
 * (load and construct the handler), then the hooks SnapStart runs before its snapshot ({@code beforeCheckpoint} of
 * every org.crac resource the function registered, shiplane's {@code SnapStartPriming}, through the {@link Core}
 * compat package the JVM must be started with: {@code -Dorg.crac.Core.Compat=dev.shiplane.sandbox.crac}), then it
 * writes its pid to {@code <ready file>} and waits for {@code <event file>} to appear. {@code scripts/bench} dumps the
 * process there with {@code criu dump}, writes the event file and restores the image with {@code criu restore}, as
 * many times as it measures. The restored process runs the {@code afterRestore} hooks, handles the event and writes
 * one line to {@code <result file>}:
 * {@code <wall clock µs when the handler returned> <SDK calls> <round-trip ms> <SDK call ms> <handler output>} (the
 * output on one line, as {@link ShadedLambdaLauncher#oneLine} makes it); the
 * bench subtracts the clock it read just before the restore. The SDK figures are the event's, as
 * {@link SdkCallClock} counts them when the bench adds its timing interceptor (priming's twins not included). A handler that throws writes its stack trace to standard error and exits 1.
 *
 * <p>The wait sleeps a millisecond at a time: it is where the snapshot is taken, so after a restore it ends within
 * a millisecond (the event file is there before the restore begins).
 */
public final class SnapshotLambdaLauncher {

    private SnapshotLambdaLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SnapshotLambdaLauncher <handler class> <event file> <ready file> <result file>");
            System.exit(2);
        }
        Path eventFile = Path.of(args[1]);
        Path readyFile = Path.of(args[2]);
        Path resultFile = Path.of(args[3]);
        var out = new ByteArrayOutputStream();
        String sdk;
        long returnedMicros;
        try {
            if (!Core.class.getPackageName().equals(System.getProperty("org.crac.Core.Compat"))) {
                throw new IllegalStateException("start the JVM with -Dorg.crac.Core.Compat="
                        + Core.class.getPackageName() + ", or org.crac drops the function's hooks and nothing is primed");
            }
            var handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
            Core.getGlobalContext().beforeCheckpoint(null);
            System.gc();
            Files.writeString(readyFile, Long.toString(ProcessHandle.current().pid()));
            while (!Files.exists(eventFile)) {
                Thread.sleep(1);
            }
            Core.getGlobalContext().afterRestore(null);
            var before = SdkCallClock.read();
            handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(eventFile)), out,
                    new LauncherContext("snapshot"));
            returnedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            sdk = SdkCallClock.since(before);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
            return;
        }
        Files.writeString(resultFile, returnedMicros + " " + sdk + " " + ShadedLambdaLauncher.oneLine(out) + "\n");
    }
}
