package dev.shiplane.sandbox.iam;

import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The harness's administrator in another account of the same moto: moto separates accounts by access key, and the
 * credentials of {@code sts:AssumeRole} of a role ARN in account B act in account B. The role is made in B (from those
 * very credentials) while IAM is not yet enforced, so that once it is, B's own policies allow its administrator
 * everything and its functions' roles only what the template grants them.
 */
public final class AccountAdministrator implements AwsEmulator {

    /** The role the harness acts as in every account other than moto's default. */
    public static final String ROLE = "sandbox-harness";
    private static final int TWELVE_HOURS = 43_200;

    private final MotoServer moto;
    private final String account;
    private final String arn;
    private final String accessKey;
    private final String secretKey;
    private final String sessionToken;

    private AccountAdministrator(MotoServer moto, String account, String arn, String accessKey, String secretKey,
                                 String sessionToken) {
        this.moto = moto;
        this.account = account;
        this.arn = arn;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken;
    }

    /** Must run before IAM enforcement is switched on: nobody in {@code account} could make the role afterwards. */
    static AccountAdministrator make(MotoServer moto, String account, String trustedHarnessArn) {
        var roleArn = "arn:aws:iam::" + account + ":role/" + ROLE;
        var assumed = new TestAws(moto).build(StsClient.builder()).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName(ROLE).durationSeconds(TWELVE_HOURS));
        var session = assumed.credentials();
        // moto matches a trust policy's principal against the caller's own ARN: the assumed-role session's
        var administrator = new AccountAdministrator(moto, account, assumed.assumedRoleUser().arn(),
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        var iam = new TestAws(administrator).build(IamClient.builder());
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + trustedHarnessArn + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        iam.createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument(trust).maxSessionDuration(TWELVE_HOURS));
        iam.putRolePolicy(r -> r.roleName(ROLE).policyName("administrator").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        return administrator;
    }

    /** The account this administrator acts in. */
    public String account() {
        return account;
    }

    /** The administrator's session ({@code arn:aws:sts::<account>:assumed-role/…}), which the functions' roles trust. */
    public String arn() {
        return arn;
    }

    String accessKeyId() {
        return accessKey;
    }

    @Override
    public String endpoint() {
        return moto.endpoint();
    }

    @Override
    public void reset() {
        throw new IllegalStateException("IAM is enforced on this moto: start a new one instead of resetting it");
    }

    @Override
    public String describe() {
        return moto.describe() + ", account " + account + ", enforcing IAM";
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_SESSION_TOKEN", sessionToken);
    }
}
