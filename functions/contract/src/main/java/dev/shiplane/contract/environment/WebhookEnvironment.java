package dev.shiplane.contract.environment;

/** Variables of the webhook function, besides {@link DeliveryEnvironment#BUS_NAME} and its ledger table. */
public final class WebhookEnvironment {

    /** ARN (or name) of the Secrets Manager secret holding the webhook secret; the value is never in the environment. */
    public static final String SECRET_ARN = "SHIPLANE_WEBHOOK_SECRET_ARN";
    /** The largest request body accepted, in bytes. */
    public static final String MAX_BODY_BYTES = "SHIPLANE_WEBHOOK_MAX_BODY_BYTES";
    /** Seconds a delivery's timestamp may lie in the past or the future. */
    public static final String REPLAY_SECONDS = "SHIPLANE_WEBHOOK_REPLAY_SECONDS";
    /** Seconds the webhook secret is cached between reads. */
    public static final String SECRET_CACHE_SECONDS = "SHIPLANE_WEBHOOK_SECRET_CACHE_SECONDS";
    /**
     * Name (or ARN) of the Secrets Manager secret holding a GitHub token with {@code read:packages}; without it no
     * delivery's tags are looked up (docs/GITHUB-DELIVERIES.md).
     */
    public static final String GITHUB_TOKEN_SECRET_ID = "SHIPLANE_GITHUB_TOKEN_SECRET_ID";
    /** GitHub's REST API base URL; default https://api.github.com, GitHub Enterprise Server: https://HOST/api/v3. */
    public static final String GITHUB_API_URL = "SHIPLANE_GITHUB_API_URL";

    private WebhookEnvironment() {}
}
