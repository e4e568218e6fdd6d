package dev.shiplane.sandbox;

import dev.shiplane.sandbox.iam.IamEnforcement;
import dev.shiplane.testkit.IssuedCredentials;
import dev.shiplane.testkit.TestAws;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The people the story plays as operators in one account, each a principal made there and named by the ARN STS gives it:
 * an assumed-role session ({@code arn:aws:sts::…:assumed-role/OnCall/oncall@monynha.dev}: the role, trusting the
 * harness, is assumed with that session name) or an IAM user ({@code arn:aws:iam::…:user/ops}: given an access key).
 * Their credentials are recorded in {@link IssuedCredentials}, as IAM and STS know the keys they issue, so the operator
 * entry's stand-in can check what they sign. Without an ARN, the operator is the sandbox's harness (its user in moto's
 * default account, its administrator role in another). An operator of another account is refused: the account's operator
 * entry serves the principals of its own account (prod's OnCall role is made in prod's account, staging's in staging's).
 */
final class OperatorIdentities {

    private static final Pattern SESSION = Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/([\\w+=,.@-]+)/"
            + "([\\w+=,.@-]+)");
    private static final Pattern USER = Pattern.compile("arn:aws:iam::(\\d{12}):user/([\\w+=,.@-]+)");
    private static final int TWELVE_HOURS = 43_200;

    private final String account;
    private final IamClient iam;
    private final StsClient sts;
    private final IamEnforcement enforcement;
    private final IssuedCredentials issued = new IssuedCredentials();
    private final Map<String, Map<String, String>> users = new ConcurrentHashMap<>();
    private final Map<String, String> harnessKeys;

    /**
     * @param account the account whose operators these are
     * @param harness the harness's administrator in {@code account}, which makes the operators' roles and users
     */
    OperatorIdentities(String account, TestAws harness, IamEnforcement enforcement) {
        this.account = account;
        this.iam = harness.build(IamClient.builder());
        this.sts = harness.build(StsClient.builder());
        this.enforcement = enforcement;
        var env = enforcement.in(account).environment();
        var keys = new HashMap<String, String>();
        keys.put("AWS_ACCESS_KEY_ID", env.get("AWS_ACCESS_KEY_ID"));
        keys.put("AWS_SECRET_ACCESS_KEY", env.get("AWS_SECRET_ACCESS_KEY"));
        var token = env.get("AWS_SESSION_TOKEN");
        if (token != null) keys.put("AWS_SESSION_TOKEN", token);
        harnessKeys = Map.copyOf(keys);
        var harnessCredentials = token == null
                ? AwsBasicCredentials.create(keys.get("AWS_ACCESS_KEY_ID"), keys.get("AWS_SECRET_ACCESS_KEY"))
                : AwsSessionCredentials.create(keys.get("AWS_ACCESS_KEY_ID"), keys.get("AWS_SECRET_ACCESS_KEY"), token);
        var self = sts.getCallerIdentity();
        issued.add(harnessCredentials, new IssuedCredentials.Caller(account, self.arn(), self.userId()));
    }

    /** The keys AWS issued, for the Function URL's signature check. */
    IssuedCredentials issued() {
        return issued;
    }

    /**
     * The credentials ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) of the
     * operator {@code arn} names, or the harness's when it is blank. A session is assumed anew on each call, so none
     * expires in a long-serving sandbox.
     */
    Map<String, String> credentialsOf(String arn) {
        if (arn == null || arn.isBlank()) return harnessKeys;
        var session = SESSION.matcher(arn);
        if (session.matches()) {
            sameAccount(arn, session.group(1));
            return assume(session.group(2), session.group(3));
        }
        var user = USER.matcher(arn);
        if (user.matches()) {
            sameAccount(arn, user.group(1));
            return users.computeIfAbsent(user.group(2), this::userKeys);
        }
        throw new IllegalArgumentException("an operator is an assumed-role session (arn:aws:sts::<account>:"
                + "assumed-role/<role>/<session>) or an IAM user (arn:aws:iam::<account>:user/<name>), not " + arn);
    }

    private void sameAccount(String arn, String arnAccount) {
        if (!account.equals(arnAccount)) {
            throw new IllegalArgumentException(arn + ": the operator entry of account " + account
                    + " is asked here, and the sandbox plays its operators in that account only");
        }
    }

    private Map<String, String> assume(String roleName, String sessionName) {
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + enforcement.harnessArn(account) + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        String roleArn;
        try {
            roleArn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust)
                    .maxSessionDuration(TWELVE_HOURS)).role().arn();
        } catch (EntityAlreadyExistsException made) {
            roleArn = iam.getRole(r -> r.roleName(roleName)).role().arn();
        }
        var role = roleArn;
        var assumed = sts.assumeRole(r -> r.roleArn(role).roleSessionName(sessionName));
        var keys = assumed.credentials();
        var who = assumed.assumedRoleUser();
        issued.add(AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken()),
                new IssuedCredentials.Caller(account, who.arn(), who.assumedRoleId()));
        enforcement.name(keys.accessKeyId(), who.arn());
        var env = new HashMap<String, String>();
        env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", keys.sessionToken());
        return Map.copyOf(env);
    }

    private Map<String, String> userKeys(String userName) {
        try {
            iam.createUser(r -> r.userName(userName));
        } catch (EntityAlreadyExistsException made) {
            // an earlier run of this sandbox's moto made it
        }
        var user = iam.getUser(r -> r.userName(userName)).user();
        var key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        issued.add(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()),
                new IssuedCredentials.Caller(account, user.arn(), user.userId()));
        enforcement.name(key.accessKeyId(), user.arn());
        return Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey());
    }
}
