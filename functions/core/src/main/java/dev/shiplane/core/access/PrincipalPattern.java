package dev.shiplane.core.access;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of an environment's operators: an IAM principal ARN, with IAM's wildcards ({@code *} any characters,
 * {@code ?} one) anywhere but in the partition, the service and the account.
 * <ul>
 *   <li>a role ({@code arn:aws:iam::111122223333:role/Releasers}, or IAM Identity Center's
 *       {@code role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Releasers_*}): every session of a role whose
 *       name matches. A session's ARN carries the role's name but not its path, so the path is not compared; role
 *       names are unique in an account whatever their path.</li>
 *   <li>a role session ({@code arn:aws:sts::111122223333:assumed-role/Releasers/alice@example.com}): that one.</li>
 *   <li>an IAM user ({@code arn:aws:iam::111122223333:user/alice}), path included.</li>
 * </ul>
 * The account is always written out: a pattern never grants a whole partition. A role's path takes no wildcard (the
 * path is not compared, so {@code role/team-a/*} would name every role of the account), and no name is wildcards only.
 *
 * @param arn the pattern as written in {@code shiplane.yml}
 */
public record PrincipalPattern(String arn) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public PrincipalPattern {
        var problem = problem(arn);
        if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
    }

    /** Why {@code arn} cannot be an operator pattern, or empty when it can. */
    public static Optional<String> problem(String arn) {
        var parsed = PrincipalArn.parse(arn);
        if (parsed.isEmpty()) {
            return Optional.of("'" + arn + "' is not an IAM role, role session or user ARN"
                    + " (arn:aws:iam::<account>:role/<name>, arn:aws:sts::<account>:assumed-role/<role>/<session>,"
                    + " arn:aws:iam::<account>:user/<name>)");
        }
        if (!ACCOUNT.matcher(parsed.get().account()).matches()) {
            return Optional.of("'" + arn + "': the account must be written out (12 digits), never a wildcard");
        }
        if (parsed.get().resource().equals("root")) {
            return Optional.of("'" + arn + "': an account root is not an operator; name a role or a user");
        }
        var principal = parsed.get();
        if (principal.role() && wildcard(principal.resource().substring(0, principal.resource().lastIndexOf('/')))) {
            return Optional.of("'" + arn + "': a role's path takes no wildcard (only the role's name is compared, so"
                    + " it would allow every role of the account); write the path out or leave it off");
        }
        var name = principal.role() || principal.assumedRole() ? principal.roleName()
                : principal.resource().substring(principal.resource().lastIndexOf('/') + 1);
        if (name.replace("*", "").replace("?", "").isEmpty()) {
            return Optional.of("'" + arn + "': a name of wildcards only would allow every "
                    + (principal.service().equals("iam") && !principal.role() ? "user" : "role")
                    + " of the account; name the principals");
        }
        return Optional.empty();
    }

    /** Whether the verified caller is this principal, or one of the principals this pattern names. */
    public boolean matches(CallerIdentity caller) {
        var pattern = PrincipalArn.parse(arn).orElseThrow();
        var who = caller.parsed();
        if (!pattern.partition().equals(who.partition()) || !pattern.account().equals(who.account())) return false;
        if (pattern.role()) return who.assumedRole() && glob(pattern.roleName(), who.roleName());
        return pattern.service().equals(who.service()) && glob(pattern.resource(), who.resource());
    }

    private static boolean wildcard(String text) {
        return text.contains("*") || text.contains("?");
    }

    private static boolean glob(String pattern, String text) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return text.matches(regex.toString());
    }

    @Override
    public String toString() {
        return arn;
    }
}
