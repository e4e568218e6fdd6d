package dev.shiplane.reliability;

import dev.shiplane.testkit.EmulatorGateway;
import dev.shiplane.testkit.EmulatorGateway.Fault;
import dev.shiplane.testkit.Emulators;
import dev.shiplane.testkit.MotoServer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The AWS calls the functions under test make, seen at the emulator gateway and told apart from the test's own calls
 * by the functions' access key ({@link #ACCESS_KEY}). One SDK call is one {@code amz-sdk-invocation-id}, however
 * many attempts its retries make, so "the Nth call" is the Nth invocation id; a fault armed for it answers every
 * attempt of that call, outlasting the SDK's retries, and no other call.
 */
final class FunctionCalls {

    static final String ACCESS_KEY = "shiplane-function";

    private final EmulatorGateway gateway;
    private final Set<String> invocations = new HashSet<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, java.util.concurrent.CountDownLatch> triggers = new java.util.HashMap<>();
    private int faultAt = -1;
    private Fault fault;
    private String faultedInvocation;
    private String faultedOperation;
    private int faultedAttempts;
    /** How many attempts of the faulted call fail: all of them ({@code MAX_VALUE}), or the first few. */
    private int attemptsToFault = Integer.MAX_VALUE;

    FunctionCalls() {
        if (!(Emulators.shared() instanceof MotoServer moto)) {
            throw new IllegalStateException("the reliability suite injects faults through moto's gateway");
        }
        this.gateway = moto.gateway();
        gateway.onIncoming(this::onIncoming);
        gateway.holdTimeoutsFor(java.time.Duration.ofMillis(DeliveryWorld.ATTEMPT_TIMEOUT_MS + 500));
    }

    /** Counts from zero again, with the fault (if any) at call {@code n} (1-based), on every attempt of it. */
    synchronized void arm(int n, Fault kind) {
        arm(n, kind, Integer.MAX_VALUE);
    }

    /**
     * As {@link #arm(int, Fault)}, the fault on the first {@code attempts} attempts of the call only: the SDK's retry
     * then goes through, as when one request of a call is lost and the next one is answered.
     */
    synchronized void arm(int n, Fault kind, int attempts) {
        attemptsToFault = attempts;
        invocations.clear();
        operations.clear();
        faultAt = n;
        fault = kind;
        faultedInvocation = null;
        faultedOperation = null;
        faultedAttempts = 0;
    }

    /**
     * Opens the returned latch when a function's call of {@code operation} reaches the gateway (before it is
     * forwarded): a test can start a second invocation at that exact point of the first one.
     */
    synchronized java.util.concurrent.CountDownLatch when(String operation) {
        var latch = new java.util.concurrent.CountDownLatch(1);
        triggers.put(operation, latch);
        return latch;
    }

    synchronized void disarm() {
        faultAt = -1;
    }

    synchronized int count() {
        return invocations.size();
    }

    List<String> operations() {
        return List.copyOf(operations);
    }

    /** Calls that change something in AWS (not Describe/Get/List/Query/Scan/BatchGet or an HTTP GET). */
    List<String> mutations() {
        return operations.stream().filter(FunctionCalls::mutates).toList();
    }

    synchronized String faulted() {
        return faultedOperation == null ? null : faultedOperation + " ×" + faultedAttempts;
    }

    void close() {
        gateway.onIncoming(null);
    }

    private synchronized Fault onIncoming(EmulatorGateway.Incoming request) {
        var auth = request.header("authorization");
        if (auth == null || !auth.contains("Credential=" + ACCESS_KEY + "/")) return null;
        var id = request.header("amz-sdk-invocation-id");
        if (id != null && invocations.add(id)) operations.add(operation(request));
        var trigger = triggers.remove(operation(request));
        if (trigger != null) trigger.countDown();
        if (id == null || faultAt < 0) return null;
        if (faultedInvocation == null && invocations.size() == faultAt) {
            faultedInvocation = id;
            faultedOperation = operation(request);
        }
        if (id.equals(faultedInvocation) && faultedAttempts < attemptsToFault) {
            faultedAttempts++;
            return fault;
        }
        return null;
    }

    static String operation(EmulatorGateway.Incoming request) {
        var target = request.header("x-amz-target");
        if (target != null) return target.substring(target.indexOf('.') + 1);
        var body = new String(request.body(), StandardCharsets.UTF_8);
        var action = body.indexOf("Action=");
        if (action >= 0) {
            var end = body.indexOf('&', action);
            return body.substring(action + 7, end < 0 ? body.length() : end);
        }
        var path = request.path();
        if (path.contains("/operation/")) return path.substring(path.lastIndexOf('/') + 1);
        return request.method() + " " + path.replaceAll("/[^/]*$", "/*");
    }

    static boolean mutates(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List")
                || operation.startsWith("Query") || operation.startsWith("Scan") || operation.startsWith("BatchGet")
                || operation.startsWith("GET "));
    }
}
