package dev.shiplane.core.events;

import dev.shiplane.core.image.ImageRef;
import java.time.Instant;

/**
 * A gate let a deployment through.
 *
 * @param gate     {@code scan}, {@code pre-traffic} or {@code post-promotion}
 * @param check    the health or smoke check's name for the {@code pre-traffic} and {@code post-promotion} gates;
 *                 absent for {@code scan}
 * @param evidence what the gate saw, for people ({@code HIGH 1, LOW 3 (tolerated up to HIGH)})
 * @param enforced {@code false} when the environment only reports this gate
 */
public record GatePassed(String gate, String check, String env, String service, String deploymentId, ImageRef image,
                         String evidence, boolean enforced, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Gate Passed";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
