package dev.shiplane.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Node;

/**
 * Who may write the ledger: the statement of the ledger table's resource policy that denies every item write to all
 * principals but shiplane's own function roles and the maintainers named at deploy time
 * ({@code cdk deploy -c ledgerMaintainers=ARN[,ARN…]}, for {@code shiplane backfill-history}). An explicit Deny in
 * the table's policy overrides any Allow in an IAM policy of the account (an administrator's {@code dynamodb:*}
 * included), so the ledger and the DORA figures record only what shiplane did.
 *
 * <p>The exemptions name the roles by {@code aws:PrincipalArn} (a role's ARN for every session of it) in the
 * condition, and the statement's Resource is {@code *} (the table the policy is attached to): the table's own ARN in
 * its own policy would be a circular reference. The table then depends on the roles; the roles' grants, separate
 * {@code AWS::IAM::Policy} resources, depend on the table, and nothing depends back.
 */
final class LedgerWriters {

    /** The CDK context key of the maintainers' ARNs (comma-separated, or a list in cdk.json). */
    static final String MAINTAINERS_CONTEXT = "ledgerMaintainers";

    /**
     * Every action that writes items: single writes, batches and PartiQL. A transaction is authorized as the puts,
     * updates and deletes it holds, so it is covered too.
     */
    static final List<String> WRITE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete");

    static final String SID = "OnlyShiplaneWritesTheLedger";

    // An IAM role or user of one account, after an optional path; '*' for any run of characters in the name (an IAM
    // Identity Center permission set's role: role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Maintainers_*).
    private static final Pattern PRINCIPAL = Pattern.compile(
            "arn:aws[a-z-]*:iam::\\d{12}:(?:role|user)/(?:[\\w+=,.@*-]+/)*[\\w+=,.@*-]{1,64}");
    private static final Pattern ONLY_WILDCARDS = Pattern.compile(".*[:/]\\**$");

    private LedgerWriters() {}

    /**
     * The Deny for everyone but {@code writers} and {@code maintainers}.
     *
     * @param writers     the roles of shiplane's functions that write the ledger
     * @param maintainers IAM principal ARNs or patterns, from {@link #maintainersFromContext}
     */
    static PolicyStatement denyOthers(Collection<IRole> writers, List<String> maintainers) {
        var exempt = new ArrayList<String>();
        writers.forEach(role -> exempt.add(role.getRoleArn()));
        exempt.addAll(maintainers);
        return PolicyStatement.Builder.create()
                .sid(SID)
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(WRITE_ACTIONS)
                .resources(List.of("*"))
                // ArnNotLike: a maintainer may be a pattern; a role's exact ARN matches only itself.
                .conditions(Map.of("ArnNotLike", Map.of("aws:PrincipalArn", exempt)))
                .build();
    }

    /**
     * The maintainers named by {@code -c ledgerMaintainers=…}; none when absent. Each must be an IAM role or user
     * ARN (a pattern's {@code *} only inside the name, never a whole name of wildcards): a maintainer writes the ledger
     * past shiplane's own checks.
     */
    static List<String> maintainersFromContext(Node node) {
        var value = node.tryGetContext(MAINTAINERS_CONTEXT);
        if (value == null) return List.of();
        var arns = new ArrayList<String>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> arns.add(String.valueOf(v).trim()));
        } else {
            for (var part : value.toString().split(",")) {
                if (!part.isBlank()) arns.add(part.trim());
            }
        }
        for (var arn : arns) {
            if (!PRINCIPAL.matcher(arn).matches() || ONLY_WILDCARDS.matcher(arn).matches()) {
                throw new IllegalArgumentException(MAINTAINERS_CONTEXT + ": '" + arn + "' is not an IAM role or user"
                        + " ARN (arn:aws:iam::ACCOUNT:role/NAME or user/NAME; '*' only within a name, not for all of it)");
            }
        }
        return List.copyOf(arns);
    }
}
