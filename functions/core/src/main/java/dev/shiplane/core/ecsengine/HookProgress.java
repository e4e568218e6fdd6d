package dev.shiplane.core.ecsengine;

import dev.shiplane.core.gate.HttpCheck;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one hook execution has seen so far, carried between ECS's re-invocations in {@code hookDetails} (ECS hands an
 * {@code IN_PROGRESS} answer's details back on the next invocation), so no table holds it. Keys are prefixed
 * {@value #PREFIX}; any other key (a hook configuration's own details) is passed through untouched.
 *
 * @param startedAt  the first invocation of this execution: the scan gate's timeout runs from it
 * @param invocation 1-based number of this invocation within the execution
 * @param attempts   for each check still retrying, the number of its next attempt
 * @param passed     checks that passed in an earlier invocation (not asked again)
 * @param others     hookDetails keys that are not shiplane's
 */
public record HookProgress(Instant startedAt, int invocation, Map<String, Integer> attempts, Set<String> passed,
                           Map<String, String> others) {

    static final String PREFIX = "shiplane.";
    static final String STARTED_AT = PREFIX + "startedAt";
    static final String INVOCATION = PREFIX + "invocation";
    static final String ATTEMPT = PREFIX + "attempt.";
    static final String PASSED = PREFIX + "passed";

    public HookProgress {
        attempts = Map.copyOf(attempts);
        passed = Set.copyOf(passed);
        others = Map.copyOf(others);
    }

    /**
     * The progress {@code hookDetails} carries, or a first invocation's at {@code now} when it carries none. Values
     * shiplane cannot read count as absent: a first invocation asks everything again, which is the safe direction.
     */
    public static HookProgress from(Map<String, String> hookDetails, Instant now) {
        Instant startedAt = now;
        int invocation = 1;
        Map<String, Integer> attempts = new LinkedHashMap<>();
        Set<String> passed = new LinkedHashSet<>();
        Map<String, String> others = new LinkedHashMap<>();
        for (var e : hookDetails.entrySet()) {
            var key = e.getKey();
            var value = e.getValue();
            try {
                if (key.equals(STARTED_AT)) startedAt = Instant.parse(value);
                else if (key.equals(INVOCATION)) invocation = Math.max(1, Integer.parseInt(value));
                else if (key.startsWith(ATTEMPT)) attempts.put(key.substring(ATTEMPT.length()), Integer.parseInt(value));
                else if (key.equals(PASSED)) {
                    for (var name : value.split(",")) if (!name.isBlank()) passed.add(name);
                } else if (!key.startsWith(PREFIX)) others.put(key, value);
            } catch (DateTimeParseException | NumberFormatException unreadable) {
                // dropped: see the method's comment
            }
        }
        return new HookProgress(startedAt, invocation, attempts, passed, others);
    }

    /** The number of this invocation's attempt of {@code check}. */
    public int attemptOf(HttpCheck check) {
        return attempts.getOrDefault(check.name(), 1);
    }

    /** The declared checks not yet passed: the ones this invocation asks. */
    public List<HttpCheck> pending(List<HttpCheck> declared) {
        return declared.stream().filter(c -> !passed.contains(c.name())).toList();
    }

    /** The progress the next invocation starts from. */
    public HookProgress next(Map<String, Integer> nextAttempts, Set<String> nowPassed) {
        return new HookProgress(startedAt, invocation + 1, nextAttempts, nowPassed, others);
    }

    /** The next invocation's progress when nothing about checks changed (a wait). */
    public HookProgress next() {
        return next(attempts, passed);
    }

    /** As {@code hookDetails}: every value a string, shiplane's keys prefixed. */
    public Map<String, String> toDetails() {
        Map<String, String> details = new LinkedHashMap<>(others);
        details.put(STARTED_AT, startedAt.toString());
        details.put(INVOCATION, Integer.toString(invocation));
        attempts.forEach((name, attempt) -> details.put(ATTEMPT + name, Integer.toString(attempt)));
        if (!passed.isEmpty()) details.put(PASSED, String.join(",", passed.stream().sorted().toList()));
        return details;
    }
}
