package dev.shiplane.cli;

import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.environment.DeliveryEnvironment;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.operator.OperatorHandler;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.FunctionUrlStandIn;
import dev.shiplane.testkit.IssuedCredentials;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The operator entry of one account on the emulator: the real operator function (the repository's shiplane.yml:
 * staging in {@value #STAGING_ACCOUNT} lists no operators, prod in {@value #PROD_ACCOUNT} does) behind
 * {@link FunctionUrlStandIn}, which checks each request's signature against the credentials issued here, as Lambda
 * does against IAM's. The function, its ledger table and bus ({@link #provisionLedgerAndBus}), the IAM user
 * {@code ops} and the roles operators assume are all of that account, as in a delivery stack deployed there; the
 * function serves that account's environments ({@code SHIPLANE_SERVED_ENVIRONMENTS}), as that stack sets it.
 */
final class OperatorEntryWorld implements AutoCloseable {

    /** staging's account in the repository's shiplane.yml (moto's default account). */
    static final String STAGING_ACCOUNT = AwsEmulator.ACCOUNT;
    /** prod's account in the repository's shiplane.yml. */
    static final String PROD_ACCOUNT = "210987654321";

    private final TestAws aws;
    private final String account;
    private final IssuedCredentials issued = new IssuedCredentials();
    private final FunctionUrlStandIn url;
    private final Map<String, String> opsKeys;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final java.util.List<String> requestIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int lostAnswers;
    private volatile int busyAnswers;
    private volatile long busyRetryAfter;

    /** The entry of staging's account (moto's default). */
    OperatorEntryWorld(TestAws aws) {
        this(aws, STAGING_ACCOUNT);
    }

    /** The entry of {@code account}'s delivery stack; {@code aws} is the harness in moto's default account. */
    OperatorEntryWorld(TestAws aws, String account) {
        this.aws = account.equals(AwsEmulator.ACCOUNT) ? aws : aws.inAccount(account);
        this.account = account;
        var function = new OperatorHandler(this.aws.environment(Map.of("SHIPLANE_BUS_NAME", "shiplane",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger", "POWERTOOLS_METRICS_DISABLED", "true",
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString(),
                DeliveryEnvironment.SERVED_ENVIRONMENTS, environmentsOf(account))));
        var operator = FunctionUrlStandIn.UrlFunction.of(function, "operator");
        url = FunctionUrlStandIn.start(event -> {
            requestIds.add(JSON.readTree(JSON.readTree(event).path("body").asText()).path("requestId").asText());
            if (busyAnswers > 0) {
                busyAnswers--;
                // the operator function's answer while an earlier attempt of the request still holds its claim
                return JSON.createObjectNode().put("statusCode", 409).<com.fasterxml.jackson.databind.node.ObjectNode>
                        set("headers", JSON.createObjectNode().put("retry-after", Long.toString(busyRetryAfter)))
                        .put("body", "{\"outcome\":\"in-progress\",\"reason\":\"still being carried out\"}")
                        .toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            var answer = operator.invoke(event);
            if (lostAnswers > 0) {
                lostAnswers--;
                // the function carried the request out, then failed or timed out: Lambda answers 502
                throw new IllegalStateException("the function's answer was lost (injected)");
            }
            return answer;
        }, issued, account, AwsEmulator.REGION);
        // an IAM user of this account with an access key, the tests' operator unless they play another
        var iam = this.aws.build(IamClient.builder());
        var user = iam.createUser(r -> r.userName("ops")).user();
        var key = iam.createAccessKey(r -> r.userName("ops")).accessKey();
        issued.add(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()),
                new IssuedCredentials.Caller(account, user.arn(), user.userId()));
        opsKeys = Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey());
    }

    /**
     * The environments the repository's shiplane.yml places in {@code account}, comma-separated: what that account's
     * delivery stack tells its functions to serve ({@link DeliveryEnvironment#SERVED_ENVIRONMENTS}), without which
     * they refuse to start where the configuration names accounts.
     */
    private static String environmentsOf(String account) {
        return ConfigLoader.load(RepoFiles.path("shiplane.yml")).environments().stream()
                .filter(environment -> account.equals(environment.account()))
                .map(EnvironmentSpec::name)
                .collect(Collectors.joining(","));
    }

    /**
     * The ledger table and bus the operator function of this account uses, created in this account; returns a tap
     * on the bus of what shiplane publishes.
     */
    dev.shiplane.testkit.BusTap provisionLedgerAndBus() {
        aws.createLedgerTable("shiplane-ledger");
        aws.createBus("shiplane");
        return aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
    }

    /** The harness acting in this entry's account (its ledger, bus, IAM). */
    TestAws aws() {
        return aws;
    }

    /** The ARN of the IAM user {@code ops} of this account. */
    String ops() {
        return "arn:aws:iam::" + account + ":user/ops";
    }

    /** The next {@code count} requests are carried out by the function, but their answers are lost (502). */
    void loseAnswers(int count) {
        lostAnswers = count;
    }

    /** The next {@code count} requests are answered 409 with {@code Retry-After} seconds, as while in progress. */
    void answerBusy(int count, long retryAfterSeconds) {
        busyRetryAfter = retryAfterSeconds;
        busyAnswers = count;
    }

    /** The request id of every request that reached the function, in order. */
    java.util.List<String> requestIds() {
        return java.util.List.copyOf(requestIds);
    }

    String url() {
        return url.url();
    }

    /** The CLI's environment as this account's IAM user {@code ops}, without an operator URL. */
    Map<String, String> withoutUrl() {
        var env = new HashMap<>(aws.environment(Map.of("SHIPLANE_CONFIG_FILE",
                RepoFiles.path("shiplane.yml").toString())));
        // the user's long-lived key, not the harness's session in this account
        env.remove("AWS_SESSION_TOKEN");
        env.putAll(opsKeys);
        return env;
    }

    /** The CLI's environment as {@code ops}, with the entry's URL. */
    Map<String, String> withUrl() {
        var env = new HashMap<>(withoutUrl());
        env.put(OperatorEntry.URL_ENV, url());
        return env;
    }

    /** The CLI's environment as a session of {@code role} named {@code session}, with the entry's URL. */
    Map<String, String> as(String role, String session) {
        var assumed = aws.build(StsClient.builder()).assumeRole(r -> r.roleArn(role).roleSessionName(session));
        var credentials = assumed.credentials();
        issued.add(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken()), new IssuedCredentials.Caller(IssuedCredentials.accountOf(
                assumed.assumedRoleUser().arn()), assumed.assumedRoleUser().arn(),
                assumed.assumedRoleUser().assumedRoleId()));
        var env = withUrl();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        return env;
    }

    @Override
    public void close() {
        url.close();
    }
}
