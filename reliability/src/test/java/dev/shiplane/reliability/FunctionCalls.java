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
    /** The calls to fault (1-based call number → the fault), empty when disarmed. */
    private final java.util.Map<Integer, Fault> plan = new java.util.TreeMap<>();
    /** The faulted calls met so far: invocation id → its operation and attempts answered with the fault. */
    private final java.util.Map<String, Faulted> faultedCalls = new java.util.LinkedHashMap<>();
    /** How many attempts of a faulted call fail: all of them ({@code MAX_VALUE}), or the first few. */
    private int attemptsToFault = Integer.MAX_VALUE;
    private boolean armed;

    private static final class Faulted {
        final String operation;
        final Fault fault;
        int attempts;

        Faulted(String operation, Fault fault) {
            this.operation = operation;
            this.fault = fault;
        }
    }

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
        arm(n < 0 ? java.util.Map.of() : java.util.Map.of(n, kind), attempts);
    }

    /** Counts from zero again, with a fault at each of the calls {@code plan} names (two faults in one run). */
    synchronized void arm(java.util.Map<Integer, Fault> faults, int attempts) {
        attemptsToFault = attempts;
        invocations.clear();
        operations.clear();
        plan.clear();
        plan.putAll(faults);
        faultedCalls.clear();
        armed = !faults.isEmpty();
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
        armed = false;
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

    /** The faulted calls met, as {@code Operation ×attempts} (joined by {@code ", "}), or null if none was. */
    synchronized String faulted() {
        if (faultedCalls.isEmpty()) return null;
        return String.join(", ", faultedCalls.values().stream().map(f -> f.operation + " ×" + f.attempts).toList());
    }

    /** The faulted calls met, as {@code Operation KIND} (e.g. {@code PutEvents TIMEOUT}), in the order met. */
    synchronized List<String> faultedCalls() {
        return faultedCalls.values().stream().map(f -> f.operation + " " + f.fault).toList();
    }

    /** How many of the planned faults met their call (a run may end before its Nth call). */
    synchronized int faultsMet() {
        return faultedCalls.size();
    }

    void close() {
        gateway.onIncoming(null);
    }

    private synchronized Fault onIncoming(EmulatorGateway.Incoming request) {
        var auth = request.header("authorization");
        if (auth == null || !auth.contains("Credential=" + ACCESS_KEY + "/")) return null;
        var id = request.header("amz-sdk-invocation-id");
        boolean firstAttempt = id != null && invocations.add(id);
        if (firstAttempt) operations.add(operation(request));
        var trigger = triggers.remove(operation(request));
        if (trigger != null) trigger.countDown();
        if (id == null || !armed) return null;
        var planned = firstAttempt ? plan.get(invocations.size()) : null;
        if (planned != null) faultedCalls.put(id, new Faulted(operation(request), planned));
        var faulted = faultedCalls.get(id);
        if (faulted != null && faulted.attempts < attemptsToFault) {
            faulted.attempts++;
            return faulted.fault;
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
