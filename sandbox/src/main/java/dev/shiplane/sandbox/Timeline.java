package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Prints the story: for people, one readable line per step, invocation and domain event; with {@code --json},
 * standard output carries exactly one JSON line per domain event that reached the bus, and the readable lines go
 * to standard error.
 */
final class Timeline {

    private final PrintStream people;
    private final PrintStream machines;
    private final PrintStream errors;
    private final boolean json;
    static final String NOTIFY = "shiplane-notify";
    /**
     * With environments in more than one account: the primary account's label, and the account whose work the next
     * lines are. A step starts in the primary account; a line of another account's work is headed by that account,
     * once per change, so a reader sees where each thing happens. {@code null} with one account: no headings.
     */
    private String homeAccount;
    private String workingIn;
    private String shownAccount;

    Timeline(boolean json, PrintStream out, PrintStream err) {
        this.json = json;
        this.people = json ? err : out;
        this.machines = out;
        this.errors = err;
    }

    /** The story runs in more than one account; {@code primary} labels the primary one ("123456789012 (staging)"). */
    void accounts(String primary) {
        homeAccount = primary;
        workingIn = primary;
        shownAccount = primary;
    }

    /** The lines that follow are the work of the account {@code label} names (as {@link #accounts} labels it). */
    void workIn(String label) {
        workingIn = label;
    }

    private void headAccount() {
        if (homeAccount == null || workingIn == null || workingIn.equals(shownAccount)) return;
        people.println("  ┆ in account " + workingIn);
        shownAccount = workingIn;
    }

    void say(String line) {
        people.println(line);
    }

    void error(String line) {
        errors.println(line);
    }

    void step(String file, JsonNode event) {
        people.println();
        people.println("▶ " + file + "  " + describeInput(event));
        workingIn = homeAccount;
        shownAccount = homeAccount;
    }

    void awsEmits(String what) {
        headAccount();
        people.println("  ⚙ AWS " + what);
    }

    void invocation(Dispatcher.Invocation i) {
        // What the notify function posted is shown as the message itself (slack: …), not as an invocation line.
        if (i.error() == null && NOTIFY.equals(i.function())) return;
        headAccount();
        if (i.error() == null) {
            people.println("  · " + i.function() + " ← " + i.detailType() + ": " + i.result());
        } else {
            people.println("  ✗ " + i.function() + " ← " + i.detailType() + " failed"
                    + (i.deadLettered() ? " for the last time (dead-lettered): " : " (will be retried): ") + i.error());
        }
    }

    /** A message the notify function posted to the sandbox's Slack. */
    void slack(String text) {
        headAccount();
        people.println("  ✉ slack: " + text);
    }

    void domainEvent(JsonNode event) {
        if (json) {
            machines.println(event.toString());
        }
        headAccount();
        people.println("  ◆ " + pad(event.path("detail-type").asText(), 21) + describeDetail(event));
    }

    static String describeInput(JsonNode e) {
        if (FunctionUrlRequests.isRequest(e)) return FunctionUrlRequests.describe(e);
        if (e.has("sandbox")) {
            return "sandbox: " + e.path("sandbox").asText() + " " + e.path("by").asText(e.path("service").asText())
                    + (e.hasNonNull("why") ? " — " + e.get("why").asText() : "");
        }
        var d = e.path("detail");
        return switch (e.path("source").asText() + "|" + e.path("detail-type").asText()) {
            case "aws.ecr|ECR Image Action" -> "ECR " + d.path("action-type").asText() + " " + d.path("result").asText()
                    + " " + d.path("repository-name").asText()
                    + (d.hasNonNull("image-tag") ? ":" + d.get("image-tag").asText() : " (no tag)");
            case "aws.ecs|ECS Deployment State Change" -> "ECS " + d.path("eventName").asText() + " "
                    + e.path("resources").path(0).asText();
            case "aws.ecr|ECR Image Scan" -> "ECR scan " + d.path("scan-status").asText() + " "
                    + d.path("repository-name").asText() + ":" + d.path("image-tags").path(0).asText("untagged") + " "
                    + d.path("finding-severity-counts");
            case "aws.cloudwatch|CloudWatch Alarm State Change" -> "CloudWatch alarm " + d.path("alarmName").asText()
                    + " " + d.path("previousState").path("value").asText("?") + " → " + d.path("state").path("value").asText();
            default -> RotationLines.input(e)
                    .orElse(e.path("source").asText() + " / " + e.path("detail-type").asText());
        };
    }

    static String describeDetail(JsonNode e) {
        var d = e.path("detail");
        var target = d.hasNonNull("env") ? pad(d.get("env").asText() + "/" + d.path("service").asText(), 13) : "";
        return switch (e.path("detail-type").asText()) {
            case "Image Pushed" -> d.path("repository").asText()
                    + (d.hasNonNull("tag") ? ":" + d.get("tag").asText() : "") + " from " + d.path("registry").asText()
                    + " (" + shortDigest(d.path("digest").asText()) + ")" + (d.path("commit").hasNonNull("sha")
                            ? " built from commit " + shortSha(d.path("commit").path("sha").asText()) : "");
            case "Deployment Started" -> target + revision(d.path("fromTaskDefinition").asText()) + " → "
                    + revision(d.path("toTaskDefinition").asText()) + " (" + d.path("strategy").asText() + ", "
                    + d.path("image").path("tag").asText("untagged") + ")";
            case "Deployment Skipped" -> target + d.path("reason").asText() + ": " + d.path("detail").asText();
            case "Deployment Succeeded" -> target + revision(d.path("taskDefinition").asText()) + " is live"
                    + leadTime(d);
            case "Deployment Failed" -> target + d.path("reason").asText();
            case "Gate Passed", "Gate Failed" -> target + d.path("gate").asText() + ": " + d.path("evidence").asText()
                    + (d.path("enforced").asBoolean() ? "" : " (report only)");
            case "Deployment Blocked" -> target + d.path("gate").asText() + " gate: " + d.path("reason").asText();
            case "Freeze Started" -> pad(d.path("env").asText(), 13) + "until " + d.path("until").asText() + " by "
                    + d.path("requestedBy").asText() + ": " + d.path("reason").asText();
            case "Freeze Lifted" -> pad(d.path("env").asText(), 13) + "by " + d.path("requestedBy").asText();
            default -> RolloutLines.detail(e, target).or(() -> RotationLines.detail(e)).orElse(d.toString());
        };
    }

    /** {@code , lead time 27m from commit 8f14e45} (or {@code from the push}): DORA's, as the ledger counts it. */
    static String leadTime(JsonNode succeeded) {
        var commit = succeeded.path("image").path("commit");
        var imageCommit = commit.hasNonNull("sha") ? new dev.shiplane.core.image.ImageCommit(commit.get("sha").asText(),
                commit.hasNonNull("committedAt") ? java.time.Instant.parse(commit.get("committedAt").asText()) : null)
                : null;
        if (!succeeded.hasNonNull("at")) return "";
        var lead = dev.shiplane.core.dora.DoraMetrics.leadTime(imageCommit,
                succeeded.hasNonNull("pushedAt") ? java.time.Instant.parse(succeeded.get("pushedAt").asText()) : null,
                java.time.Instant.parse(succeeded.get("at").asText()));
        if (lead == null) return "";
        return ", lead time " + lead.duration().toMinutes() + "m " + (lead.from()
                == dev.shiplane.core.dora.LeadTime.From.COMMIT ? "from commit " + imageCommit.shortSha() : "from the push");
    }

    static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    static String revision(String taskDefinitionArn) {
        return taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    }

    static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
    }

    static String shortImage(String image) {
        var at = image.indexOf("@sha256:");
        var firstSegment = image.substring(0, Math.max(0, image.indexOf('/')));
        var name = firstSegment.contains(".") ? image.substring(image.indexOf('/') + 1) : image; // drop registry host
        return at < 0 ? name : name.substring(0, name.indexOf('@')) + "@" + shortDigest(image.substring(at + 1));
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
