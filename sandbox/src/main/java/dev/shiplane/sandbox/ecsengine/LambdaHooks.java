package dev.shiplane.sandbox.ecsengine;

/** Lambda's part when ECS's engine invokes a lifecycle hook's function. */
public interface LambdaHooks {

    /**
     * Invokes the function {@code functionArn} names (a function, version or alias ARN) synchronously with
     * {@code payload}.
     *
     * @return the function's result document
     * @throws HookInvocationFailed when Lambda cannot invoke the function or the function fails
     */
    String invoke(String functionArn, String payload);

    /** The invocation failed (no such function, or it threw): ECS rolls the deployment back. */
    final class HookInvocationFailed extends RuntimeException {
        public HookInvocationFailed(String message) {
            super(message);
        }
    }
}
