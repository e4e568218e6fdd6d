package dev.shiplane.sandbox;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Times every AWS SDK call of the function it is loaded with, into {@link SdkCallClock}. Not on the sandbox's class
 * path as an interceptor: {@code scripts/bench} and {@code scripts/burst} put this class in a jar of its own with the
 * SDK's global interceptor list ({@code software/amazon/awssdk/global/handlers/execution.interceptors}) and add that
 * jar next to a function's package, so the function's own SDK (the shrunk copy in its jar) finds and runs it; no
 * product code knows of it.
 *
 * <p>Calls are synchronous, so an attempt starts and ends on one thread: thread-locals hold the start times, which
 * needs nothing of the SDK but the interceptor interface the package keeps.
 */
public final class SdkCallTiming implements ExecutionInterceptor {

    private static final ThreadLocal<long[]> STARTED = ThreadLocal.withInitial(() -> new long[2]);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        STARTED.get()[0] = System.nanoTime();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        STARTED.get()[1] = System.nanoTime();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        SdkCallClock.roundTrip(System.nanoTime() - STARTED.get()[1]);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkCallClock.call(System.nanoTime() - STARTED.get()[0]);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        SdkCallClock.call(System.nanoTime() - STARTED.get()[0]);
    }
}
