package dev.shiplane.sandbox;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays Lambda's Java runtime for one invocation in a fresh JVM whose class path is a function's shaded jar (plus
 * this class): load the handler class, construct it, hand it one event file. Prints one line,
 * {@code <uptime ms> <peak heap bytes> <live heap bytes after GC> <metaspace+code bytes> <SDK calls> <round-trip ms>
 * <SDK call ms> <handler output>}, whatever the handler wrote ({@code {"result":…}}, a hook's {@code {"hookStatus":…}}),
 * its line breaks made spaces so the line stays one ({@link #oneLine}); a handler that throws (a class the shade step
 * dropped included) prints its stack trace and exits 1. The SDK figures are those of the event's handling, as
 * {@link SdkCallClock} counts them when {@code scripts/bench} adds its timing interceptor to the class path (zeros
 * without it).
 *
 * <p>Only the JDK and aws-lambda-java-core are referenced, so it runs against nothing but the package Lambda gets.
 * {@code ShadedJarIT} and {@code scripts/bench} use it.
 */
public final class ShadedLambdaLauncher {

    private ShadedLambdaLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ShadedLambdaLauncher <handler class> <event file>");
            System.exit(2);
        }
        var out = new ByteArrayOutputStream();
        String sdk;
        long uptime;
        try {
            var handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
            var event = new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1])));
            var before = SdkCallClock.read();
            handler.handleRequest(event, out, new LauncherContext("shaded-jar"));
            uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            sdk = SdkCallClock.since(before);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
            return;
        }
        long peakHeap = 0;
        long nonHeap = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            } else {
                nonHeap += pool.getUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println(uptime + " " + peakHeap + " " + live + " " + nonHeap + " " + sdk + " "
                + oneLine(out));
    }

    /** A handler's output on one line: any line break (a pretty-printed answer) becomes a space. */
    static String oneLine(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).strip().replaceAll("\\R", " ");
    }
}
