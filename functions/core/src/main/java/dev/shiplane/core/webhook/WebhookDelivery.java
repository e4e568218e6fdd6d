package dev.shiplane.core.webhook;

/**
 * One HTTP delivery from GitHub, with the headers that matter already picked out (whatever their case).
 *
 * @param eventName  {@code X-GitHub-Event}, or {@code null}
 * @param deliveryId {@code X-GitHub-Delivery} (a GUID), or {@code null}
 * @param signature  {@code X-Hub-Signature-256}, or {@code null}
 * @param body       the raw body bytes, base64-decoded if the transport encoded them
 */
public record WebhookDelivery(String eventName, String deliveryId, String signature, byte[] body) {

    /** Leaves out the signature and the body: this record may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "WebhookDelivery[eventName=" + eventName + ", deliveryId=" + deliveryId + ", bodyBytes="
                + (body == null ? 0 : body.length) + "]";
    }
}
