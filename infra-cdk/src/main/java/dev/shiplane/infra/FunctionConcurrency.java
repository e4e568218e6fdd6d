package dev.shiplane.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code concurrency} section of {@code shiplane.yml}: Lambda reserved concurrency for three of shiplane's
 * functions. A reservation is both a floor and a ceiling: the function may always run that many instances at once,
 * whatever the account's other functions use, and never more. So the public webhook gets a cap (a flood of
 * unsigned requests, each refused by the HMAC check but each an invocation, cannot draw down the concurrency the
 * rollback needs), and the rollback and deploy functions get a guaranteed share.
 *
 * <p>Lambda keeps at least {@value #LAMBDA_MIN_UNRESERVED} of an account's concurrency unreserved and refuses a
 * reservation that would leave less, so every reservation together must fit under {@code accountLimit} minus that.
 * A new account whose limit is 10 cannot reserve anything: request a higher "Concurrent executions" quota (Service
 * Quotas, AWS Lambda) first (docs/CONFIG.md, "Function concurrency").
 *
 * @param webhook      the webhook function's reservation (its cap); {@code null}: none
 * @param rollback     the rollback function's reservation (its guaranteed share), at least 2; {@code null}: none
 * @param deploy       the deploy function's reservation; {@code null}: none
 * @param accountLimit the account's Lambda concurrent-executions quota in the stack's region, which the check of
 *                     the reservations' sum uses. Default {@value #DEFAULT_ACCOUNT_LIMIT}, Lambda's default quota
 */
public record FunctionConcurrency(Integer webhook, Integer rollback, Integer deploy, int accountLimit) {

    /** What Lambda keeps unreserved in every account ("Lambda function scaling", reserved concurrency). */
    public static final int LAMBDA_MIN_UNRESERVED = 100;
    /** Lambda's default concurrent-executions quota per account and region. */
    public static final int DEFAULT_ACCOUNT_LIMIT = 1000;
    /** No reservation: every function draws on the account's unreserved pool, as before the setting existed. */
    public static final FunctionConcurrency NONE = new FunctionConcurrency(null, null, null, DEFAULT_ACCOUNT_LIMIT);

    /** The sum of the reservations. */
    public int reserved() {
        return Stream.of(webhook, rollback, deploy).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum();
    }

    /** Everything wrong with this section, each prefixed with its path ({@code at}, i.e. {@code concurrency}). */
    public List<String> problems(String at) {
        List<String> problems = new ArrayList<>();
        if (webhook != null && webhook < 1) {
            problems.add(at + ".webhook: " + webhook + " would throttle every GitHub delivery (at least 1; leave it"
                    + " out for no cap)");
        }
        if (rollback != null && rollback < 2) {
            problems.add(at + ".rollback: " + rollback + " is below 2: rollbacks of different services would wait"
                    + " for each other (leave it out for no reservation)");
        }
        if (deploy != null && deploy < 1) {
            problems.add(at + ".deploy: " + deploy + " would throttle every deployment (at least 1; leave it out"
                    + " for no reservation)");
        }
        if (accountLimit < 1) {
            problems.add(at + ".accountLimit: " + accountLimit + " is not a concurrency quota (Lambda's default is "
                    + DEFAULT_ACCOUNT_LIMIT + ")");
        } else if (reserved() > 0 && reserved() > accountLimit - LAMBDA_MIN_UNRESERVED) {
            problems.add(at + ": reserving " + reserved() + " leaves "
                    + Math.max(0, accountLimit - reserved()) + " of the account's " + accountLimit
                    + " unreserved; Lambda keeps at least " + LAMBDA_MIN_UNRESERVED
                    + " unreserved and refuses the stack (lower the reservations, or raise the account's Concurrent"
                    + " executions quota in Service Quotas and set accountLimit to it)");
        }
        return problems;
    }
}
