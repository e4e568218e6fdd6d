package dev.shiplane.core.notify;

/** A plain-text announcement channel people and integrations subscribe to (the notifications SNS topic). */
public interface Broadcast {

    /** Publishes once; throws if the channel did not accept it, so the invocation is retried. */
    void publish(PlainText message);
}
