package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.core.image.CommitAnnotations;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Stamps every replayed event with the moment it happens in the story, on the clock the functions run on: the
 * {@code time} of an AWS or shiplane event, an alarm's state-change timestamp, a GitHub delivery's package-version
 * times and the commit time its labels carry, kept as far before the publication as the file has it (the sandbox
 * signs the body after). The files' own dates are left behind, so a push and the deployment it
 * causes, an alarm and the rollback it causes, are measured on one clock and the story's DORA figures are the same
 * whatever day it runs. A redelivery (an event id, or a GitHub delivery id, seen before) keeps its first stamp, as AWS
 * and GitHub deliver the same event again.
 */
final class ReplayStamps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Map<String, Instant> stamped = new HashMap<>();

    ReplayStamps(Clock clock) {
        this.clock = clock;
    }

    /** An EventBridge event: {@code time}, and for an alarm {@code detail.state.timestamp}. */
    ObjectNode event(ObjectNode event) {
        var at = stampFor("event:" + event.path("id").asText(""));
        if (event.has("time")) event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        if (event.path("detail").path("state").isObject()) {
            ((ObjectNode) event.path("detail").path("state")).put("timestamp", CLOUDWATCH.format(at));
        }
        return event;
    }

    /** A GitHub delivery over the Function URL: the package version's publication times in its (unsigned) body. */
    ObjectNode gitHubDelivery(ObjectNode request) throws java.io.IOException {
        if (request.path("isBase64Encoded").asBoolean(false) || !request.path("body").isTextual()) return request;
        var body = JSON.readTree(request.path("body").asText());
        if (!(body instanceof ObjectNode payload) || !payload.path("registry_package").isObject()) return request;
        var delivery = request.path("headers").path("x-github-delivery").asText("");
        var at = stampFor("github:" + delivery).truncatedTo(ChronoUnit.SECONDS).toString();
        var pkg = (ObjectNode) payload.path("registry_package");
        if (pkg.path("package_version").isObject()) {
            restampCommitLabel((ObjectNode) pkg.path("package_version"), Instant.parse(at));
        }
        pkg.put("updated_at", at);
        if (pkg.path("package_version").isObject()) {
            ((ObjectNode) pkg.path("package_version")).put("updated_at", at).put("created_at", at);
        }
        request.put("body", JSON.writeValueAsString(payload));
        return request;
    }

    /** Now on the clock the replayed events are stamped with. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The commit time among the version's labels ({@code dev.shiplane.commit.timestamp}), moved with its
     * publication: the commit stays as long before the push as the file says. A label that is not a time is left.
     */
    private static void restampCommitLabel(ObjectNode version, Instant published) {
        var labels = version.path("container_metadata").path("labels").path("all_labels");
        var label = labels.path(CommitAnnotations.COMMIT_TIMESTAMP);
        if (!(labels instanceof ObjectNode all) || !label.isTextual() || !version.path("updated_at").isTextual()) return;
        try {
            var before = Duration.between(OffsetDateTime.parse(label.asText()).toInstant(),
                    Instant.parse(version.path("updated_at").asText()));
            all.put(CommitAnnotations.COMMIT_TIMESTAMP, published.minus(before).toString());
        } catch (java.time.format.DateTimeParseException notATime) {
            // the webhook reads it as no time at all, as it would from GitHub
        }
    }

    private Instant stampFor(String id) {
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (id.endsWith(":")) return now;
        return stamped.computeIfAbsent(id, ignored -> now);
    }
}
