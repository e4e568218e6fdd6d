package dev.shiplane.core.webhook;

/** How the webhook answered a delivery: the HTTP status GitHub records and the {@code outcome} in the body. */
public enum WebhookOutcome {
    /** Signed, a container image version: {@code Image Pushed} is on the bus. */
    PUBLISHED(200, "published"),
    /** This delivery id was accepted before; nothing is published again. */
    DUPLICATE(200, "duplicate"),
    /** GitHub's {@code ping}, sent when the webhook is created. */
    PONG(200, "pong"),
    /** Signed and well-formed but not something that deploys (another event, not a container, no tag, …). */
    IGNORED(202, "ignored"),
    /** Signed but not a readable delivery (not JSON, a required field or header missing). */
    BAD_REQUEST(400, "bad-request"),
    /** The signature is missing or no valid secret produces it. */
    UNAUTHORIZED(401, "unauthorized"),
    /** The body exceeds the size limit; it is not even hashed. */
    TOO_LARGE(413, "too-large"),
    /**
     * GitHub's Packages API did not tell the version's tags (token refused, rate limit, no answer); nothing is
     * published, and GitHub marks the delivery failed, to be redelivered once the cause is gone.
     */
    TAGS_UNAVAILABLE(503, "tags-unavailable");

    private final int status;
    private final String code;

    WebhookOutcome(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
