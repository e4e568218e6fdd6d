package dev.shiplane.core.notify;

import dev.shiplane.core.events.ApprovalRequested;
import dev.shiplane.core.events.DeploymentAborted;
import dev.shiplane.core.events.DeploymentBlocked;
import dev.shiplane.core.events.DeploymentFailed;
import dev.shiplane.core.events.DeploymentRolledBack;
import dev.shiplane.core.events.DeploymentSkipped;
import dev.shiplane.core.events.DeploymentStarted;
import dev.shiplane.core.events.DeploymentSucceeded;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.RequestRefused;
import dev.shiplane.core.events.GateFailed;
import dev.shiplane.core.events.GatePassed;
import dev.shiplane.core.events.RollbackFailed;
import dev.shiplane.core.events.RolloutPaused;
import dev.shiplane.core.events.RolloutResumed;
import dev.shiplane.core.events.RotationFailed;
import dev.shiplane.core.events.SecretRotated;
import dev.shiplane.core.events.SkipReason;
import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.dora.DoraMetrics;
import dev.shiplane.core.dora.LeadTime;
import dev.shiplane.core.notify.Notice.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which events people hear about, and what they are told. Pure: an event in, a {@link Notice} or silence out.
 *
 * <p>Silent: what is routine or internal — pushes (the deployment that follows is announced), skips for
 * duplicates, superseded pushes, tag policy, untagged images, unknown repositories and promotion-only environments
 * (every push produces some of these), a rollout aborted because a newer image superseded it (its successor's start
 * is announced), a report-only gate that passed, verifications, due events and operators' requests (their outcome is
 * announced). Skips people act on are announced: {@code freeze}, {@code quarantined}, {@code not-promotable},
 * {@code not-found}.
 */
public final class Announcements {

    /** Skip reasons worth telling people about; the others happen on every push somewhere. */
    static final Set<String> ANNOUNCED_SKIPS = Set.of(SkipReason.FREEZE.code(), SkipReason.QUARANTINED.code(),
            SkipReason.NOT_PROMOTABLE.code(), SkipReason.NOT_FOUND.code());

    /**
     * The detail-types that can be announced: the notify function's rule matches these and no others, so the function
     * is not even invoked for the rest. Which of them stay silent (a duplicate skip, a report-only gate that passed)
     * is decided by {@link #of}.
     */
    public static final List<String> DETAIL_TYPES = List.of("Deployment Started", "Deployment Succeeded",
            "Deployment Failed", "Deployment Rolled Back", "Deployment Aborted", DeploymentBlocked.DETAIL_TYPE,
            "Deployment Skipped", "Traffic Shifted", "Rollout Paused", "Rollout Resumed", GatePassed.DETAIL_TYPE,
            GateFailed.DETAIL_TYPE, "Rollback Failed", SecretRotated.DETAIL_TYPE, RotationFailed.DETAIL_TYPE,
            FreezeStarted.DETAIL_TYPE, FreezeLifted.DETAIL_TYPE, ApprovalRequested.DETAIL_TYPE,
            RequestRefused.DETAIL_TYPE);

    private Announcements() {}

    public static Optional<Notice> of(DomainEvent event) {
        return Optional.ofNullable(switch (event) {
            case DeploymentStarted s when "redeploy".equals(s.strategy()) -> notice(Severity.INFO,
                    ":arrows_counterclockwise:", s.service() + " restarting in " + s.env() + " on its running revision",
                    deployment(s.service(), s.env(), s.image(), "revision", shortRevision(s.toTaskDefinition())), null);
            case DeploymentStarted s -> notice(Severity.INFO, ":rocket:",
                    named(s.service(), s.image()) + " deploying to " + s.env(),
                    deployment(s.service(), s.env(), s.image(), "strategy", s.strategy()), null);
            case DeploymentSucceeded s -> notice(Severity.SUCCESS, ":white_check_mark:",
                    named(s.service(), s.image()) + " is live in " + s.env(),
                    withLeadTime(deployment(s.service(), s.env(), s.image(), "took", seconds(s.durationSeconds())), s),
                    null);
            case DeploymentFailed f -> notice(Severity.DANGER, ":x:",
                    named(f.service(), f.image()) + " failed to deploy to " + f.env(),
                    deployment(f.service(), f.env(), f.image(), null, null), f.reason());
            case DeploymentRolledBack r -> notice(Severity.DANGER, ":rewind:",
                    named(r.service(), r.image()) + " rolled back in " + r.env() + " (" + r.trigger() + ")",
                    deployment(r.service(), r.env(), r.image(), "restored", shortRevision(r.restoredTaskDefinition())),
                    r.reason());
            case DeploymentAborted a when "shiplane".equals(a.requestedBy()) -> null;
            case DeploymentAborted a -> notice(Severity.WARNING, ":octagonal_sign:",
                    named(a.service(), a.image()) + " rollout aborted in " + a.env(),
                    deployment(a.service(), a.env(), a.image(), "by", a.requestedBy()), a.reason());
            case DeploymentBlocked b -> notice(Severity.DANGER, ":no_entry:",
                    named(b.service(), b.image()) + " blocked from " + b.env() + " by the " + b.gate()
                            + " gate", deployment(b.service(), b.env(), b.image(), null, null), b.reason());
            case DeploymentSkipped k when k.env() != null && ANNOUNCED_SKIPS.contains(k.reason()) -> notice(Severity.WARNING,
                    k.reason().equals(SkipReason.FREEZE.code()) ? ":snowflake:" : ":warning:",
                    named(k.service(), k.image()) + " not deployed to " + k.env() + " (" + k.reason() + ")",
                    deployment(k.service(), k.env(), k.image(), null, null), k.detail());
            case DeploymentSkipped k -> null;
            case TrafficShifted t -> notice(Severity.INFO, ":arrow_right:",
                    t.service() + " in " + t.env() + ": " + t.canaryWeight() + "% of traffic on the new revision",
                    List.of(new Field("Service", t.service()), new Field("Env", t.env()),
                            new Field("Step", t.step() + "/" + t.steps()),
                            new Field("Weight", t.canaryWeight() + "% " + t.canaryColour() + ", " + t.stableWeight()
                                    + "% live")), null);
            case RolloutPaused p -> notice(Severity.WARNING, ":double_vertical_bar:",
                    p.service() + " rollout paused in " + p.env() + " at " + p.canaryWeight() + "%",
                    List.of(new Field("Service", p.service()), new Field("Env", p.env()),
                            new Field("Weight", p.canaryWeight() + "%"), new Field("By", p.requestedBy())), null);
            case RolloutResumed r -> notice(Severity.INFO, ":arrow_forward:",
                    r.service() + " rollout resumed in " + r.env() + " at " + r.canaryWeight() + "%",
                    List.of(new Field("Service", r.service()), new Field("Env", r.env()),
                            new Field("Weight", r.canaryWeight() + "%"), new Field("By", r.requestedBy())), null);
            case ApprovalRequested a -> notice(Severity.WARNING, ":raised_hand:",
                    named(a.service(), a.image()) + " waits for approval in " + a.env() + " before production traffic"
                            + " moves", deployment(a.service(), a.env(), a.image(), "rolls back at",
                            a.expiresAt() == null ? null : time(a.expiresAt())),
                    "Approve: `" + a.command() + "` · refuse: `" + a.command().replace(" promote ", " abort ") + "`");
            case GatePassed g when !g.enforced() -> null;
            case GatePassed g -> notice(Severity.INFO, ":shield:",
                    named(g.service(), g.image()) + " passed the " + gateName(g.gate(), g.check()) + " for " + g.env(),
                    deployment(g.service(), g.env(), g.image(), null, null), g.evidence());
            case GateFailed g -> notice(g.enforced() ? Severity.DANGER : Severity.WARNING, ":shield:",
                    named(g.service(), g.image()) + " failed the " + gateName(g.gate(), g.check()) + " for " + g.env()
                            + (g.enforced() ? "" : " (report only)"),
                    deployment(g.service(), g.env(), g.image(), null, null), g.evidence());
            case RollbackFailed f -> notice(Severity.DANGER, ":rotating_light:",
                    "rollback of " + (f.service() == null ? "environment " + f.env() : f.service() + " in " + f.env())
                            + " FAILED", serviceFields(f.service(), f.env(), "trigger", f.trigger()), f.reason());
            case SecretRotated r -> notice(Severity.SUCCESS, ":key:", "secret " + r.secretName() + " rotated",
                    List.of(new Field("Secret", r.secretName()), new Field("Type", r.type()),
                            new Field("Consumers", r.consumers().isEmpty() ? "none" : String.join(", ",
                                    r.consumers()))), null);
            case RotationFailed f -> notice(Severity.DANGER, ":key:", "rotation of secret " + f.secretName()
                    + " failed at " + f.step(), List.of(new Field("Secret", f.secretName()),
                    new Field("Step", f.step())), f.reason());
            case FreezeStarted f -> notice(Severity.WARNING, ":snowflake:",
                    f.env() + " frozen until " + time(f.until()), List.of(new Field("Env", f.env()),
                            new Field("Until", time(f.until())), new Field("By", f.requestedBy())), f.reason());
            case FreezeLifted f -> notice(Severity.INFO, ":sunny:", f.env() + " unfrozen",
                    List.of(new Field("Env", f.env()), new Field("By", f.requestedBy())), f.reason());
            case RequestRefused r -> notice(Severity.WARNING, ":no_entry:", "refused: " + r.action() + " "
                    + (r.service() == null ? r.env() : r.service() + " in " + r.env()) + " by " + r.requestedBy(),
                    List.of(new Field("Action", r.action()), new Field("Env", r.env()),
                            new Field("By", r.requestedBy()), new Field("Request", r.requestId())), r.why());
            default -> null;
        });
    }

    private static Notice notice(Severity severity, String emoji, String headline, List<Field> fields, String detail) {
        return new Notice(severity, emoji, headline, fields, detail == null || detail.isBlank() ? null : detail);
    }

    private static List<Field> deployment(String service, String env, ImageRef image, String extraLabel,
                                          String extraValue) {
        List<Field> fields = new ArrayList<>(List.of(new Field("Service", service), new Field("Env", env)));
        if (known(image)) fields.add(new Field("Image", image.repository() + ":" + version(image)));
        if (extraLabel != null && extraValue != null) fields.add(new Field(capitalised(extraLabel), extraValue));
        return fields;
    }

    /**
     * DORA's lead time of a success, and where it ran from: {@code 2h 30m from commit 8f14e45}, or {@code 12m from
     * the push} when the image named no commit time; nothing when neither time can be read.
     */
    private static List<Field> withLeadTime(List<Field> fields, DeploymentSucceeded s) {
        var commit = s.image() == null ? null : s.image().commit();
        var lead = DoraMetrics.leadTime(commit, s.pushedAt(), s.at());
        if (lead == null) return fields;
        var from = lead.from() == LeadTime.From.COMMIT ? "from commit " + commit.shortSha() : "from the push";
        fields.add(new Field("Lead time", duration(lead.duration().toSeconds()) + " " + from));
        return fields;
    }

    /** {@code 45s}, {@code 12m}, {@code 2h 30m}: a lead time runs to hours and days. */
    static String duration(long seconds) {
        if (seconds < 120) return seconds + "s";
        if (seconds < 7200) return seconds / 60 + "m";
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    private static List<Field> serviceFields(String service, String env, String extraLabel, String extraValue) {
        List<Field> fields = new ArrayList<>();
        if (service != null) fields.add(new Field("Service", service));
        fields.add(new Field("Env", env));
        if (extraValue != null) fields.add(new Field(capitalised(extraLabel), extraValue));
        return fields;
    }

    /** {@code web 1.4.2}, or just {@code web} when the image is not known (a restart of what was running). */
    static String named(String service, ImageRef image) {
        return known(image) ? service + " " + version(image) : service;
    }

    /** A restart of a revision shiplane did not deploy carries a placeholder image ({@code unknown}). */
    static boolean known(ImageRef image) {
        return image != null && !"unknown".equals(image.repository());
    }

    /** An instant for people: to the second. */
    static String time(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** The tag, or for a digest-only push the digest's first 12 hex digits. */
    static String version(ImageRef image) {
        if (image == null) return "";
        if (image.tag() != null) return image.tag();
        var digest = image.digest();
        return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    /** {@code arn:…:task-definition/monynha-prod-web:42} → {@code monynha-prod-web:42}. */
    static String shortRevision(String taskDefinition) {
        if (taskDefinition == null) return null;
        int slash = taskDefinition.lastIndexOf('/');
        return slash < 0 ? taskDefinition : taskDefinition.substring(slash + 1);
    }

    static String seconds(long seconds) {
        return seconds < 120 ? seconds + "s" : (seconds / 60) + "m " + (seconds % 60) + "s";
    }

    private static String capitalised(String label) {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** {@code scan gate}, or {@code pre-traffic check health} for a health or smoke check. */
    private static String gateName(String gate, String check) {
        return check == null ? gate + " gate" : gate + " check " + check;
    }
}
