package dev.shiplane.core.deploy;

import dev.shiplane.core.events.ImagePushed;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.events.EventBus;

/**
 * Use case: a registry reported a push; put it on the shiplane bus as {@code Image Pushed}, with the commit the
 * image was built from when it says so. Every registry goes through this one event, so deployment has a single
 * entry point whatever the registry.
 */
public final class PushAnnouncer {

    private final EventBus bus;
    private final ImageCommits commits;

    /** Announces pushes as delivered: the delivery carries the commit when there is one (GHCR's labels). */
    public PushAnnouncer(EventBus bus) {
        this(bus, ImageCommits.NOT_ASKED);
    }

    /** Asks {@code commits} for the commit of pushes whose event does not carry it (ECR's). */
    public PushAnnouncer(EventBus bus, ImageCommits commits) {
        this.bus = bus;
        this.commits = commits;
    }

    /** Publishes {@code Image Pushed}; returns the push as announced. */
    public ImagePush announce(ImagePush push) {
        var announced = push.commit() != null ? push : push.withCommit(commits.builtFrom(push).orElse(null));
        bus.publish(ImagePushed.of(announced));
        return announced;
    }
}
