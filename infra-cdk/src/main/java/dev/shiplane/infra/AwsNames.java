package dev.shiplane.infra;

import java.util.regex.Pattern;

/**
 * AWS naming rules for the names shiplane.yml feeds into ARNs and event patterns. Checked at synth because a
 * stray {@code *} or {@code /} would silently widen an IAM grant or a rule, and CloudFormation reports a bad
 * name only after the deployment has started.
 */
final class AwsNames {

    // ECS: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens" (clusters and services).
    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    // ECR: lowercase path segments separated by '/', each segment's words joined by '.', '_' or '-'.
    private static final Pattern ECR_REPOSITORY =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern EVENT_BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    /** A role's name after its optional path, or a pattern of them ({@code *}: any run of characters). */
    private static final Pattern ROLE_NAME = Pattern.compile("(?:[\\w+=,.@*-]+/)*[\\w+=,.@*-]{1,64}");
    private static final Pattern SCHEDULE_GROUP_NAME = Pattern.compile("[0-9a-zA-Z._-]{1,64}");
    // ALB target group names: 1-32 letters, digits and hyphens, not starting or ending with a hyphen.
    private static final Pattern TARGET_GROUP_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    // CloudWatch alarm names: printable ASCII, at most 255. '*' and '?' are refused: EventBridge matches the names
    // literally, so an alarm spelt like a wildcard is almost certainly a mistake in shiplane.yml.
    private static final Pattern ALARM_NAME = Pattern.compile("[\\x20-\\x7E&&[^*?]]{1,255}");

    private AwsNames() {}

    static String requireEcsName(String what, String value) {
        if (value == null || !ECS_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " name '" + value + "' is not a valid ECS name"
                    + " (1-255 letters, digits, '_' or '-')");
        }
        return value;
    }

    static String requireEcrRepository(String value) {
        if (value == null || value.length() < 2 || value.length() > 256 || !ECR_REPOSITORY.matcher(value).matches()) {
            throw new IllegalArgumentException("ECR repository name '" + value + "' is not valid (2-256 lowercase"
                    + " letters, digits, '.', '_', '-' and '/'); a GHCR image must start with ghcr.io/");
        }
        return value;
    }

    static String requireRoleName(String value) {
        if (value == null || !ROLE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("IAM role name '" + value + "' is not valid (1-64 letters, digits or"
                    + " + = , . @ _ - after an optional path, * for any run of them; a name, not an ARN)");
        }
        return value;
    }

    static String requireScheduleGroupName(String value) {
        if (value == null || !SCHEDULE_GROUP_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("schedule group name '" + value + "' is not valid (1-64 letters,"
                    + " digits, '.', '_' or '-')");
        }
        if (value.equals("default")) {
            throw new IllegalArgumentException("schedule group name 'default' is the account's default group; a"
                    + " grant on its schedules would reach schedules shiplane does not own");
        }
        return value;
    }

    static String requireTargetGroupName(String value) {
        if (value == null || !TARGET_GROUP_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("target group name '" + value + "' is not valid (1-32 letters, digits"
                    + " or '-', not starting or ending with '-'); shorten the cluster or service name, or set"
                    + " blueGreen.blueTargetGroup/greenTargetGroup in shiplane.yml");
        }
        return value;
    }

    static String requireAlarmName(String value) {
        if (value == null || !ALARM_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("alarm name '" + value + "' is not valid (1-255 printable ASCII"
                    + " characters, no '*' or '?')");
        }
        return value;
    }

    static String requireEventBusName(String value) {
        if (value == null || !EVENT_BUS_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("event bus name '" + value + "' is not valid (1-256 letters, digits,"
                    + " '.', '-', '_' or '/')");
        }
        if (value.equals("default")) {
            throw new IllegalArgumentException("event bus name 'default' is the account's default bus; shiplane"
                    + " needs its own bus so its events and rules stay apart");
        }
        return value;
    }
}
