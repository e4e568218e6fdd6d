package dev.shiplane.core.notify;

import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.notify.NotifyOutcome.Delivery;
import dev.shiplane.core.events.DeliveryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Use case: tell people about one event on the bus — a plain-text summary on the notifications topic and a Slack
 * message — at most once per event and channel.
 *
 * <p>Each channel is claimed in the registry under the event id before it is sent ({@code notify:sns:<id>},
 * {@code notify:slack:<id>}), so a redelivered event, or a retry after one channel failed, sends only what is left.
 * A claim whose send failed is withdrawn and the invocation fails: EventBridge retries it, then dead-letters it.
 * (A claim left by an invocation that died mid-send is not withdrawn: that message is lost rather than sent twice.)
 *
 * <p>Slack is tried up to {@link DeliveryRetry.Limits#attempts} times within the invocation, pausing as
 * {@link DeliveryRetry} says; a message Slack refuses for good (4xx other than 429) is dropped, since no retry can
 * change the answer.
 */
public final class NotifyService {

    /** Claims outlive EventBridge's retries of one event (at most 24 hours). */
    static final Duration CLAIM_TTL = Duration.ofDays(2);

    private final Broadcast topic;
    private final ChatWebhook slack;
    private final DeliveryRegistry claims;
    private final DashboardLink dashboard;
    private final DeliveryRetry.Limits limits;
    private final Pause pause;
    private final Clock clock;

    public NotifyService(Broadcast topic, ChatWebhook slack, DeliveryRegistry claims, DashboardLink dashboard,
                         DeliveryRetry.Limits limits, Pause pause, Clock clock) {
        this.topic = topic;
        this.slack = slack;
        this.claims = claims;
        this.dashboard = dashboard;
        this.limits = limits;
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * @param eventId the EventBridge envelope id (repeated on redelivery)
     * @throws SlackUnavailableException when Slack could not be reached within this invocation's budget
     */
    public NotifyOutcome notify(String eventId, DomainEvent event) {
        var notice = Announcements.of(event);
        if (notice.isEmpty()) return new NotifyOutcome.Silent(event.detailType());
        var sns = once("notify:sns:" + eventId, () -> {
            topic.publish(PlainText.of(notice.get(), dashboard));
            return new Delivery.Published();
        });
        var chat = once("notify:slack:" + eventId, () -> postToSlack(notice.get()));
        return new NotifyOutcome.Announced(event.detailType(), sns, chat);
    }

    private Delivery once(String claim, Supplier<Delivery> send) {
        boolean first;
        try {
            first = claims.firstSeen(claim, clock.instant().plus(CLAIM_TTL));
        } catch (RuntimeException unknown) {
            // The claim may have been written although its answer was lost (a timeout): withdraw it, or the retried
            // event would find it and the message would never be sent.
            try {
                claims.forget(claim);
            } catch (RuntimeException forgetFailed) {
                unknown.addSuppressed(forgetFailed);
            }
            throw unknown;
        }
        if (!first) return new Delivery.SentBefore();
        try {
            return send.get();
        } catch (RuntimeException failed) {
            claims.forget(claim);
            throw failed;
        }
    }

    private Delivery postToSlack(Notice notice) {
        var start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            var outcome = slack.post(notice, dashboard);
            var next = DeliveryRetry.next(outcome, attempt, Duration.between(start, clock.instant()), limits);
            switch (next) {
                case DeliveryRetry.Next.Done d -> {
                    return new Delivery.Posted(attempt);
                }
                case DeliveryRetry.Next.Drop drop -> {
                    return new Delivery.Dropped(drop.why());
                }
                case DeliveryRetry.Next.GiveUp giveUp -> throw new SlackUnavailableException(
                        "Slack did not take the message: " + giveUp.why());
                case DeliveryRetry.Next.Retry retry -> pause.pause(retry.after());
            }
        }
    }

    /** Slack stayed unavailable or rate-limited for the invocation's budget; the event is retried later. */
    public static final class SlackUnavailableException extends RuntimeException {
        public SlackUnavailableException(String message) {
            super(message);
        }
    }
}
