package dev.shiplane.core.events;

import java.time.Instant;

/**
 * An operator's request was refused because its caller may not take that action in that environment
 * ({@code environments.<env>.operators}): nothing changed, and the attempt is visible to whoever watches the bus.
 *
 * @param action      {@code deploy}, {@code rollback}, {@code promote}, {@code abort}, {@code pause}, {@code resume},
 *                    {@code freeze} or {@code unfreeze}
 * @param service     the service it named; {@code null} for an environment's freeze or an emergency rollback
 * @param requestId   the request's idempotency key
 * @param requestedBy the caller's ARN, as AWS verified it
 * @param why         which rule refused it, in one sentence
 */
public record RequestRefused(String action, String env, String service, String requestId, String requestedBy,
                             String why, Instant at) implements DomainEvent {

    public static final String DETAIL_TYPE = "Request Refused";

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
