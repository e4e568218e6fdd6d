package dev.shiplane.sandbox;

import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.sandbox.iam.EmulatorPolicy;
import dev.shiplane.sandbox.iam.IamEnforcement;
import dev.shiplane.testkit.TestAws;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Each function of the template calls AWS as its own role, made in moto from the template's policies for that role
 * ({@link EmulatorPolicy}: rewritten only as moto requires) and assumed by the harness: with {@link IamEnforcement} on,
 * a call the template does not allow is refused as AWS would refuse it.
 */
final class FunctionRoles implements FunctionCredentials {

    private static final int TWELVE_HOURS = 43_200;

    private final String account;
    private final CloudTemplate template;
    private final IamEnforcement enforcement;
    private final IamClient iam;
    private final StsClient sts;
    private final Map<String, Credentials> sessions = new ConcurrentHashMap<>();
    private final Set<EmulatorPolicy.Rewrite> rewrites = java.util.EnumSet.noneOf(EmulatorPolicy.Rewrite.class);

    FunctionRoles(TestAws harness, CloudTemplate template, IamEnforcement enforcement) {
        this(harness, template, enforcement, dev.shiplane.testkit.AwsEmulator.ACCOUNT);
    }

    /** @param harness the harness's administrator in {@code account}, where the roles are made and assumed */
    FunctionRoles(TestAws harness, CloudTemplate template, IamEnforcement enforcement, String account) {
        this.account = account;
        this.template = template;
        this.enforcement = enforcement;
        this.iam = harness.build(IamClient.builder());
        this.sts = harness.build(StsClient.builder());
    }

    @Override
    public Map<String, String> environment(CloudTemplate.Function function, Map<String, String> environment) {
        var session = sessions.computeIfAbsent(function.roleLogicalId(), role -> assume(role, function));
        var env = new HashMap<>(environment);
        env.put("AWS_ACCESS_KEY_ID", session.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", session.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", session.sessionToken());
        return Map.copyOf(env);
    }

    /** How many roles were made, one per function role the story started. */
    int roles() {
        return sessions.size();
    }

    /** The rewrites the roles' policies took (the reasons are on {@link EmulatorPolicy.Rewrite}). */
    synchronized Set<String> rewrites() {
        var names = new TreeSet<String>();
        rewrites.forEach(r -> names.add(r.name()));
        return names;
    }

    private Credentials assume(String roleLogicalId, CloudTemplate.Function function) {
        var policies = template.rolePolicies(roleLogicalId);
        var policy = EmulatorPolicy.of(policies.statements());
        synchronized (this) {
            rewrites.addAll(policy.applied());
        }
        // IAM allows 64 characters: a longer logical id keeps its start and a digest of the whole, so two never meet.
        var roleName = roleLogicalId.length() <= 64 ? roleLogicalId : roleLogicalId.substring(0, 55) + "-"
                + Integer.toHexString(roleLogicalId.hashCode());
        // moto cannot assume a role that trusts only Lambda's service principal: it trusts the harness too.
        var trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + enforcement.harnessArn(account) + "\",\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        var roleArn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust)
                .maxSessionDuration(TWELVE_HOURS)).role().arn();
        iam.putRolePolicy(r -> r.roleName(roleName).policyName("template").policyDocument(policy.document().toString()));
        for (var managed : policies.managedPolicyArns()) {
            iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(managed));
        }
        var session = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName(function))
                .durationSeconds(TWELVE_HOURS)).credentials();
        enforcement.name(session.accessKeyId(), "function " + function.environment()
                .getOrDefault(CommonEnvironment.SERVICE_NAME, function.logicalId()) + " (role " + roleLogicalId
                + (account.equals(dev.shiplane.testkit.AwsEmulator.ACCOUNT) ? "" : " in account " + account) + ")");
        return session;
    }

    private static String sessionName(CloudTemplate.Function function) {
        var name = function.logicalId().replaceAll("[^\\w+=,.@-]", "");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
