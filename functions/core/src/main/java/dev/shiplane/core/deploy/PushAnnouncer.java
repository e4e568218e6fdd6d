package dev.shiplane.core.deploy;

import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.events.EventBus;

/**
 * Use case: a registry reported a push; put it on the shiplane bus as {@code Image Pushed}. Every registry goes
 * through this one event, so deployment has a single entry point whatever the registry.
 */
public final class PushAnnouncer {

    private final EventBus bus;

    public PushAnnouncer(EventBus bus) {
        this.bus = bus;
    }

    public void announce(ImagePush push) {
        bus.publish(ImagePushed.of(push));
    }
}
