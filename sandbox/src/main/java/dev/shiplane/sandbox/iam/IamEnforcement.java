package dev.shiplane.sandbox.iam;

import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.EmulatorGateway;
import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.TestAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * moto with IAM enforced, as AWS enforces it on a deployed function: every caller needs a policy allowing the action.
 * The switch covers the whole server, so the sandbox runs a moto of its own; the harness itself (world set-up, the
 * dispatcher, the operator's CLI) calls as an administrator user made before the switch, and each function as its
 * own role ({@link dev.shiplane.sandbox.iam.EmulatorPolicy}). Every refusal moto answers is recorded with the identity
 * it refused, so a run can fail on it.
 */
public final class IamEnforcement implements AwsEmulator {

    public static final String HARNESS_USER = "sandbox-harness";
    private static final Pattern REFUSED_ACTION = Pattern.compile("not authorized to perform:? ?([A-Za-z0-9-]+:[A-Za-z0-9]+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([A-Z0-9]+)/");

    /** One call moto refused: who made it (a function's name, or the access key) and what moto said. */
    public record Denial(String caller, String action, String answer) {
        @Override
        public String toString() {
            return caller + " may not " + action;
        }
    }

    private final MotoServer moto;
    private final String accessKey;
    private final String secretKey;
    private final String harnessArn;
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    private final List<Denial> denials = new CopyOnWriteArrayList<>();
    private final Map<String, AccountAdministrator> administrators = new ConcurrentHashMap<>();

    private IamEnforcement(MotoServer moto, String accessKey, String secretKey, String harnessArn) {
        this.moto = moto;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.harnessArn = harnessArn;
    }

    /** Makes the harness's administrator on a freshly reset {@code moto}, then switches enforcement on. */
    public static IamEnforcement switchOn(MotoServer moto) {
        return switchOn(moto, List.of());
    }

    /**
     * As {@link #switchOn(MotoServer)}, with an administrator of the harness in each of {@code otherAccounts} too
     * (accounts other than moto's default {@link AwsEmulator#ACCOUNT}); {@link #in(String)} gives them.
     */
    public static IamEnforcement switchOn(MotoServer moto, java.util.Collection<String> otherAccounts) {
        moto.reset();
        var iam = new TestAws(moto).build(IamClient.builder());
        iam.createUser(r -> r.userName(HARNESS_USER));
        iam.putUserPolicy(r -> r.userName(HARNESS_USER).policyName("administrator").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        var key = iam.createAccessKey(r -> r.userName(HARNESS_USER)).accessKey();
        var arn = iam.getUser(r -> r.userName(HARNESS_USER)).user().arn();
        var enforcement = new IamEnforcement(moto, key.accessKeyId(), key.secretAccessKey(), arn);
        enforcement.callers.put(key.accessKeyId(), "the sandbox's harness");
        for (var account : new java.util.TreeSet<>(otherAccounts)) {
            if (account.equals(ACCOUNT)) continue;
            var administrator = AccountAdministrator.make(moto, account, arn);
            enforcement.administrators.put(account, administrator);
            enforcement.callers.put(administrator.accessKeyId(), "the sandbox's harness in account " + account);
        }
        moto.gateway().onAnswered(enforcement::watch);
        moto.post("/moto-api/reset-auth", "0");
        return enforcement;
    }

    /** The ARN of the harness's administrator, which the functions' roles trust so that the harness can assume them. */
    public String harnessArn() {
        return harnessArn;
    }

    /**
     * The harness's administrator in {@code account}: this enforcement itself for moto's default account, else the
     * role made in that account when enforcement was switched on.
     */
    public AwsEmulator in(String account) {
        if (account.equals(ACCOUNT)) return this;
        var administrator = administrators.get(account);
        if (administrator == null) {
            throw new IllegalArgumentException("no administrator in account " + account + " (accounts: " + ACCOUNT
                    + ", " + administrators.keySet() + ")");
        }
        return administrator;
    }

    /** The ARN of the harness's administrator in {@code account}, which that account's function roles trust. */
    public String harnessArn(String account) {
        return account.equals(ACCOUNT) ? harnessArn : administrators.get(account).arn();
    }

    /** Names the caller behind an access key in the denials. */
    public void name(String accessKeyId, String caller) {
        callers.put(accessKeyId, caller);
    }

    public List<Denial> denials() {
        return List.copyOf(denials);
    }

    private void watch(EmulatorGateway.Incoming request, EmulatorGateway.Answer answer) {
        // Every refusal of a caller counts: an action denied, and a key moto does not know or a session it ended.
        if (answer.status() != 403 && answer.status() != 401) return;
        var body = new String(answer.body(), StandardCharsets.UTF_8);
        var action = REFUSED_ACTION.matcher(body);
        var named = action.find();
        var authorization = String.valueOf(request.header("authorization"));
        var key = ACCESS_KEY.matcher(authorization);
        var caller = key.find() ? callers.getOrDefault(key.group(1), "access key " + key.group(1)) : "an unsigned caller";
        denials.add(new Denial(caller, named ? action.group(1) : "call at all (" + firstLine(body) + ")", body.strip()));
    }

    private static String firstLine(String body) {
        var code = Pattern.compile("<Code>([^<]+)</Code>|\"__type\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (code.find()) return code.group(1) != null ? code.group(1) : code.group(2);
        var line = body.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    @Override
    public String endpoint() {
        return moto.endpoint();
    }

    /** moto's reset would delete the harness's administrator while refusing every other caller. */
    @Override
    public void reset() {
        throw new IllegalStateException("IAM is enforced on this moto: start a new one instead of resetting it");
    }

    @Override
    public String describe() {
        return moto.describe() + ", enforcing IAM";
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey);
    }
}
