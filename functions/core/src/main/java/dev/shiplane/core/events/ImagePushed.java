package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import java.time.Instant;

/**
 * A push from any registry, normalised. {@code pushId} is the idempotency key deployments are derived from;
 * {@code commit} is the commit the image says it was built from ({@code null} when it says none).
 */
public record ImagePushed(String pushId, String registry, String registryHost, String repository, String tag,
                          String digest, String imageUri, Instant pushedAt, ImageCommit commit)
        implements DomainEvent {

    public static final String DETAIL_TYPE = "Image Pushed";

    public static ImagePushed of(ImagePush push) {
        return new ImagePushed(push.pushId(), push.registry().code(), push.registryHost(), push.repository(),
                push.tag(), push.digest(), push.pinnedUri(), push.pushedAt(), push.commit());
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
