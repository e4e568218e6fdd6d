package dev.shiplane.reliability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A function's log output, as CloudWatch would receive it: shiplane's logger writes to {@code System.out}, looked
 * up at each line, so pointing it here around an invocation captures exactly that invocation's lines. Searched
 * afterwards for secret values.
 */
final class CapturedOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** Runs {@code invocation} with standard output captured (and still echoed, for the test report). */
    synchronized <T> T during(Supplier<T> invocation) {
        var console = System.out;
        var capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                capture.write(b);
                console.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                capture.write(b, off, len);
                console.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            return invocation.get();
        } finally {
            System.setOut(console);
        }
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Every message of a failure: its own, its causes', its suppressed ones', and their string forms. */
    static String messages(Throwable failure) {
        var text = new StringBuilder();
        collect(failure, text, Collections.newSetFromMap(new IdentityHashMap<>()));
        return text.toString();
    }

    private static void collect(Throwable t, StringBuilder text, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) return;
        text.append(t).append('\n');
        collect(t.getCause(), text, seen);
        for (var suppressed : t.getSuppressed()) collect(suppressed, text, seen);
    }
}
