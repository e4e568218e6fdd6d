package dev.shiplane.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link SdkCallTiming} measured of the AWS SDK calls a function made: how many, the time spent on the wire
 * (each attempt from the request's transmission until the response came back: the AWS round trips) and the time
 * spent in SDK calls altogether (from the call until it returned or failed: marshalling, signing, retries and
 * unmarshalling included). The bench's launchers and the burst read it before and after an invocation.
 *
 * <p>JDK only: the launchers load it next to a function's package without the SDK, and the burst shares this one
 * class between the sandbox and every function's class loader ({@link LambdaPackages}), so each function's own
 * interceptor adds to the same counters.
 */
public final class SdkCallClock {

    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicLong ROUND_TRIP_NANOS = new AtomicLong();
    private static final AtomicLong CALL_NANOS = new AtomicLong();

    private SdkCallClock() {}

    /** One SDK call ended after {@code nanos}. */
    public static void call(long nanos) {
        CALLS.incrementAndGet();
        CALL_NANOS.addAndGet(nanos);
    }

    /** One attempt's request went out and its response came back after {@code nanos}. */
    public static void roundTrip(long nanos) {
        ROUND_TRIP_NANOS.addAndGet(nanos);
    }

    /** The counters so far: calls, round-trip nanoseconds, call nanoseconds. */
    public static long[] read() {
        return new long[] {CALLS.get(), ROUND_TRIP_NANOS.get(), CALL_NANOS.get()};
    }

    /** {@code <calls> <round-trip ms> <call ms>} since {@code before} (a {@link #read()}), three decimals. */
    public static String since(long[] before) {
        var now = read();
        return (now[0] - before[0]) + " " + millis(now[1] - before[1]) + " " + millis(now[2] - before[2]);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
