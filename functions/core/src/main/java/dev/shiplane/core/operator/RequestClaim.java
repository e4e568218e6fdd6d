package dev.shiplane.core.operator;

import java.time.Instant;

/**
 * What the store holds for an operator request id: who carries it out and until when, or how it was answered. A
 * claim is written before the request is carried out, so a Lambda crash or timeout in between leaves it in progress
 * until its lease ends, and a retry then takes it over.
 */
public sealed interface RequestClaim {

    /**
     * Being carried out by one invocation.
     *
     * @param leaseEnds after the function's timeout: past it, the invocation that wrote the claim has ended, done or
     *                  not (a crash or timeout leaves no other trace)
     */
    record InProgress(Instant leaseEnds) implements RequestClaim {}

    /**
     * Carried out and answered.
     *
     * @param outcome    the first answer's outcome code ({@code accepted}, {@code refused}, {@code nothing-to-do})
     * @param detailType the event it put on the bus, or null (nothing to do)
     */
    record Done(String outcome, String detailType) implements RequestClaim {}
}
