package dev.shiplane.infra;

import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of {@link WebhookBridge}. Build with {@link #builder()}; {@code build()} rejects a bad value with a
 * message that names it, so {@code cdk synth} fails before CloudFormation sees anything.
 *
 * @param code           the webhook function's package (the {@code shiplane-webhook} package artifact). Required.
 * @param bus            shiplane's event bus, which {@code Image Pushed} is put on. Required.
 * @param ledger         the ledger table, which remembers accepted delivery ids. Required.
 * @param secretName     name of the Secrets Manager secret holding the webhook secret (a generated value).
 *                       Default: {@value #DEFAULT_SECRET_NAME}.
 * @param memorySize     function memory in MB. Default: {@value ImagePushDeployProps#DEFAULT_MEMORY_MB}.
 * @param timeout        function timeout, at most 10 seconds: GitHub abandons a delivery after 10 seconds.
 *                       Default: 10 seconds.
 * @param maxBodyBytes   larger bodies are answered 413 unread, at most Lambda's 6 MB request limit.
 *                       Default: 1 MiB.
 * @param replayWindow   how long accepted delivery ids are remembered, at least GitHub's 3-day redelivery period.
 *                       Default: 30 days.
 * @param secretCacheTtl how long a function instance keeps the secret it read; a rotated secret is seen within
 *                       it. Default: 60 seconds.
 * @param logRetention   retention of the function's log group. Default: {@link RetentionDays#ONE_MONTH}.
 * @param logLevel       log level of its JSON logs ({@code POWERTOOLS_LOG_LEVEL}). Default: {@code INFO}.
 * @param gitHubTokenSecretName name of a Secrets Manager secret you created holding a GitHub token with
 *                       {@code read:packages}: when a delivery's tag is admitted by no environment ({@code latest},
 *                       a commit sha), the function reads the version's tags from GitHub with it. Default: none (no
 *                       lookup; such deliveries are announced with the tag GitHub reported, as before).
 * @param gitHubApiUrl   GitHub's REST API base URL, for GitHub Enterprise Server ({@code https://HOST/api/v3});
 *                       only with a token. Default: none (the function uses {@code https://api.github.com}).
 * @param reservedConcurrency concurrency reserved for the function, at least 1, or {@code null} for none. Default:
 *                       none. For the public webhook a reservation is a cap: a flood of deliveries (signed or not, each
 *                       one invocation) cannot draw more of the account's concurrency than this, which the rollback
 *                       function needs when an alarm fires. Lambda answers a throttled delivery 429; GitHub shows it
 *                       failed in Recent Deliveries, from where it can be redelivered (docs/DEPLOYING.md).
 */
public record WebhookBridgeProps(Code code, IEventBus bus, ITable ledger, String secretName, int memorySize,
                                 Duration timeout, long maxBodyBytes, Duration replayWindow, Duration secretCacheTtl,
                                 RetentionDays logRetention, String logLevel, String gitHubTokenSecretName,
                                 String gitHubApiUrl, Integer reservedConcurrency) {

    public static final String DEFAULT_SECRET_NAME = "shiplane/github-webhook";
    static final long LAMBDA_MAX_REQUEST_BYTES = 6L * 1024 * 1024;
    // Secrets Manager: 1-512 of letters, digits and /_+=.@-
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern HTTPS_URL = Pattern.compile("https://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~/-]*)?");

    public WebhookBridgeProps {
        FunctionBuilder.validate(code, "the webhook function's jar", memorySize, timeout, logRetention, logLevel);
        Objects.requireNonNull(bus, "bus is required (shiplane's event bus)");
        Objects.requireNonNull(ledger, "ledger is required (the ledger table)");
        Objects.requireNonNull(replayWindow, "replayWindow must not be null");
        Objects.requireNonNull(secretCacheTtl, "secretCacheTtl must not be null");
        if (secretName == null || !SECRET_NAME.matcher(secretName).matches()) {
            throw new IllegalArgumentException("secretName '" + secretName + "' is not a valid Secrets Manager name"
                    + " (1-512 letters, digits and /_+=.@-)");
        }
        long timeoutSeconds = timeout.toSeconds().longValue();
        if (timeoutSeconds < 1 || timeoutSeconds > 10) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s is outside 1-10 s: GitHub gives up"
                    + " on a delivery after 10 s, so a longer invocation answers no one");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > LAMBDA_MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is outside 1-" + LAMBDA_MAX_REQUEST_BYTES
                    + " (Lambda refuses larger requests itself)");
        }
        if (replayWindow.toDays().longValue() < 3) {
            throw new IllegalArgumentException("replayWindow " + replayWindow.toHours() + " h is shorter than"
                    + " GitHub's 3-day redelivery period: a redelivered delivery would be published again");
        }
        if (secretCacheTtl.toSeconds().longValue() > 3600) {
            throw new IllegalArgumentException("secretCacheTtl " + secretCacheTtl.toSeconds() + " s is over an hour:"
                    + " a rotated secret would stay unknown to warm functions for that long");
        }
        if (gitHubTokenSecretName != null && !SECRET_NAME.matcher(gitHubTokenSecretName).matches()) {
            throw new IllegalArgumentException("gitHubTokenSecretName '" + gitHubTokenSecretName + "' is not a valid"
                    + " Secrets Manager name (1-512 letters, digits and /_+=.@-)");
        }
        if (reservedConcurrency != null && reservedConcurrency < 1) {
            throw new IllegalArgumentException("reservedConcurrency " + reservedConcurrency + " would throttle every"
                    + " delivery (leave it unset for no cap)");
        }
        if (gitHubApiUrl != null) {
            if (gitHubTokenSecretName == null) {
                throw new IllegalArgumentException("gitHubApiUrl '" + gitHubApiUrl + "' is set without"
                        + " gitHubTokenSecretName: nothing would ask GitHub's API without a token");
            }
            if (!HTTPS_URL.matcher(gitHubApiUrl).matches()) {
                throw new IllegalArgumentException("gitHubApiUrl '" + gitHubApiUrl + "' is not an https:// URL (the"
                        + " token is sent to it)");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link WebhookBridgeProps}; unset optional values take the defaults documented on the record. */
    public static final class Builder extends FunctionBuilder<Builder> {
        private IEventBus bus;
        private ITable ledger;
        private String secretName = DEFAULT_SECRET_NAME;
        private long maxBodyBytes = 1024 * 1024;
        private Duration replayWindow = Duration.days(30);
        private Duration secretCacheTtl = Duration.seconds(60);
        private String gitHubTokenSecretName;
        private String gitHubApiUrl;
        private Integer reservedConcurrency;

        private Builder() {
            super(ImagePushDeployProps.DEFAULT_MEMORY_MB, Duration.seconds(10));
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder bus(IEventBus bus) {
            this.bus = bus;
            return this;
        }

        public Builder ledger(ITable ledger) {
            this.ledger = ledger;
            return this;
        }

        public Builder secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder replayWindow(Duration replayWindow) {
            this.replayWindow = replayWindow;
            return this;
        }

        public Builder secretCacheTtl(Duration secretCacheTtl) {
            this.secretCacheTtl = secretCacheTtl;
            return this;
        }

        public Builder gitHubTokenSecretName(String gitHubTokenSecretName) {
            this.gitHubTokenSecretName = gitHubTokenSecretName;
            return this;
        }

        public Builder gitHubApiUrl(String gitHubApiUrl) {
            this.gitHubApiUrl = gitHubApiUrl;
            return this;
        }

        public Builder reservedConcurrency(Integer reservedConcurrency) {
            this.reservedConcurrency = reservedConcurrency;
            return this;
        }

        public WebhookBridgeProps build() {
            return new WebhookBridgeProps(code, bus, ledger, secretName, memorySize, timeout, maxBodyBytes,
                    replayWindow, secretCacheTtl, logRetention, logLevel, gitHubTokenSecretName, gitHubApiUrl,
                    reservedConcurrency);
        }
    }
}
