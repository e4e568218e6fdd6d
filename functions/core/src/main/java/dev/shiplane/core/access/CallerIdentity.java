package dev.shiplane.core.access;

/**
 * Who sent a request, as AWS verified it (a SigV4-signed request's {@code requestContext.authorizer.iam}), never as
 * the request's body claims.
 *
 * @param arn       the caller's ARN: an IAM user ({@code arn:aws:iam::111122223333:user/alice}) or a role session
 *                  ({@code arn:aws:sts::111122223333:assumed-role/Deployer/alice}, IAM Identity Center's
 *                  {@code assumed-role/AWSReservedSSO_<set>_<hash>/<user>} included)
 * @param accountId the caller's account; always the ARN's
 */
public record CallerIdentity(String arn, String accountId) {

    public CallerIdentity {
        var parsed = PrincipalArn.parse(arn).orElseThrow(() -> new IllegalArgumentException(
                "'" + arn + "' is not an IAM user, role session or account root ARN"));
        if (!parsed.account().equals(accountId)) {
            throw new IllegalArgumentException("caller " + arn + " is not of account " + accountId);
        }
    }

    PrincipalArn parsed() {
        return PrincipalArn.parse(arn).orElseThrow();
    }
}
