package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Allow statement of a function's policy, resolved to concrete ARNs ({@link TemplateValues}), and IAM's
 * matching of a request against it: action names case-insensitively with {@code *} and {@code ?} wildcards,
 * resources as ARN globs ({@code *} spans any characters, {@code /} and {@code :} included, as IAM's does).
 * Conditions are carried for the failure messages and taken as met: every condition shiplane writes restricts how a
 * call is made ({@code iam:PassedToService}, {@code ecs:CreateAction}), which the operation table's call meets by
 * construction; the test does not prove that the function's calls do.
 *
 * @param where the policy's logical id and the statement's index, for messages
 */
record IamStatement(String where, List<String> actions, List<String> resources, Map<String, Object> conditions) {

    boolean allows(String action, String arn) {
        return actions.stream().anyMatch(a -> glob(a, true).matcher(action).matches())
                && resources.stream().anyMatch(r -> glob(r, false).matcher(arn).matches());
    }

    boolean allowsAction(String action) {
        return actions.stream().anyMatch(a -> actionMatches(a, action));
    }

    /** Whether a statement's action (wildcards allowed) names {@code action}, as IAM compares them. */
    static boolean actionMatches(String pattern, String action) {
        return glob(pattern, true).matcher(action).matches();
    }

    private static Pattern glob(String pattern, boolean ignoreCase) {
        var regex = new StringBuilder();
        for (var c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    @Override
    public String toString() {
        return where + " " + actions + " on " + resources + (conditions.isEmpty() ? "" : " when " + conditions);
    }
}
