package dev.shiplane.contract.config;

import dev.shiplane.core.gate.HttpCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a service's {@code checks:} into one {@link HttpCheck} per check and phase, with defaults and bounds. */
final class CheckSettings {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_ATTEMPTS = 3;
    static final int MAX_ATTEMPTS = 20;
    static final Duration DEFAULT_RETRY_EVERY = Duration.ofSeconds(30);
    static final Duration MIN_RETRY_EVERY = Duration.ofSeconds(10);

    private CheckSettings() {}

    static List<HttpCheck> read(List<ConfigDocument.CheckDocument> docs, String at, List<String> problems) {
        List<HttpCheck> checks = new ArrayList<>();
        if (docs == null) return checks;
        for (int i = 0; i < docs.size(); i++) {
            var doc = docs.get(i);
            if (doc == null) {
                problems.add(at + "[" + i + "]: empty (needs name and path)");
                continue;
            }
            var here = at + "." + (doc.name() == null ? "[" + i + "]" : doc.name());
            int before = problems.size();
            if (doc.name() == null || !doc.name().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                problems.add(here + ".name: required, lower-case letters, digits and dashes (health, smoke-login)");
            }
            if (doc.path() == null || doc.path().isBlank()) {
                problems.add(here + ".path: required (/api/health, or an absolute http(s) URL)");
            } else if (!doc.path().startsWith("/") && !doc.path().matches("https?://\\S+")) {
                problems.add(here + ".path: '" + doc.path() + "' is neither a path (/api/health) nor an http(s) URL");
            }
            List<HttpCheck.Phase> phases = new ArrayList<>();
            for (var when : doc.when() == null ? List.of("pre-traffic", "post-promotion") : doc.when()) {
                HttpCheck.Phase.fromCode(when).ifPresentOrElse(phases::add, () -> problems.add(here + ".when: '"
                        + when + "' is not a phase (pre-traffic, post-promotion)"));
            }
            int status = doc.status() == null ? 200 : doc.status();
            if (status < 100 || status > 599) problems.add(here + ".status: " + status + " is not an HTTP status");
            var json = doc.json();
            if (json != null && (json.field() == null || !json.field().startsWith("/") || json.equals() == null)) {
                problems.add(here + ".json: needs field (a JSON Pointer such as /status) and equals");
            }
            var timeout = bounded(doc.timeout(), DEFAULT_TIMEOUT, Duration.ofSeconds(1), MAX_TIMEOUT, here + ".timeout",
                    problems);
            var retryEvery = bounded(doc.retryEvery(), DEFAULT_RETRY_EVERY, MIN_RETRY_EVERY, Duration.ofHours(1),
                    here + ".retryEvery", problems);
            int attempts = doc.attempts() == null ? DEFAULT_ATTEMPTS : doc.attempts();
            if (attempts < 1 || attempts > MAX_ATTEMPTS) {
                problems.add(here + ".attempts: " + attempts + " is outside 1.." + MAX_ATTEMPTS);
            }
            if (problems.size() > before) continue;
            for (var phase : phases) {
                checks.add(new HttpCheck(doc.name(), phase, doc.path(), status, json == null ? null : json.field(),
                        json == null ? null : json.equals(), timeout, attempts, retryEvery));
            }
        }
        return checks;
    }

    private static Duration bounded(String text, Duration fallback, Duration min, Duration max, String at,
                                    List<String> problems) {
        if (text == null) return fallback;
        try {
            var value = DurationText.parse(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problems.add(at + ": " + text + " is outside " + min.toSeconds() + "s.." + max.toSeconds() + "s");
            }
            return value;
        } catch (IllegalArgumentException bad) {
            problems.add(at + ": " + bad.getMessage());
            return fallback;
        }
    }
}
