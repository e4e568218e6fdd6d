package dev.shiplane.cli;

import dev.shiplane.operator.OperatorHandler;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.FunctionUrlStandIn;
import dev.shiplane.testkit.IssuedCredentials;
import dev.shiplane.testkit.RepoFiles;
import dev.shiplane.testkit.TestAws;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The operator entry on the emulator: the real operator function (the repository's shiplane.yml: prod lists its
 * operators, staging does not) behind {@link FunctionUrlStandIn}, which checks each request's signature against the
 * credentials issued here, as Lambda does against IAM's.
 */
final class OperatorEntryWorld implements AutoCloseable {

    static final String OPS = "arn:aws:iam::123456789012:user/ops";

    private final TestAws aws;
    private final IssuedCredentials issued = new IssuedCredentials();
    private final FunctionUrlStandIn url;
    private final Map<String, String> opsKeys;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final java.util.List<String> requestIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int lostAnswers;
    private volatile int busyAnswers;
    private volatile long busyRetryAfter;

    OperatorEntryWorld(TestAws aws) {
        this.aws = aws;
        var function = new OperatorHandler(aws.environment(Map.of("SHIPLANE_BUS_NAME", "shiplane",
                "SHIPLANE_LEDGER_TABLE", "shiplane-ledger", "POWERTOOLS_METRICS_DISABLED", "true",
                "SHIPLANE_CONFIG_FILE", RepoFiles.path("shiplane.yml").toString())));
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
        }, issued, AwsEmulator.ACCOUNT, AwsEmulator.REGION);
        // an IAM user with an access key, the tests' operator unless they play another
        var iam = aws.build(IamClient.builder());
        var user = iam.createUser(r -> r.userName("ops")).user();
        var key = iam.createAccessKey(r -> r.userName("ops")).accessKey();
        issued.add(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()),
                new IssuedCredentials.Caller(AwsEmulator.ACCOUNT, user.arn(), user.userId()));
        opsKeys = Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(), "AWS_SECRET_ACCESS_KEY", key.secretAccessKey());
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

    /** The CLI's environment as the IAM user {@code ops} ({@value #OPS}), without an operator URL. */
    Map<String, String> withoutUrl() {
        var env = new HashMap<>(aws.environment(Map.of("SHIPLANE_CONFIG_FILE",
                RepoFiles.path("shiplane.yml").toString())));
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
