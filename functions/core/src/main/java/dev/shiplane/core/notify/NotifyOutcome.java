package dev.shiplane.core.notify;

/**
 * What became of one event for the people watching: nothing, or what each channel did with it. Callers and tests
 * switch on the case; {@link #text()} is only for the log line and the invocation's result.
 */
public sealed interface NotifyOutcome {

    String text();

    /** The event is not one people are told about. */
    record Silent(String detailType) implements NotifyOutcome {
        public String text() {
            return "silent: " + detailType + " is not announced";
        }
    }

    /** The event was announced: what the notifications topic and Slack each did with it. */
    record Announced(String detailType, Delivery topic, Delivery slack) implements NotifyOutcome {
        public String text() {
            return detailType + ": topic " + topic.text() + ", slack " + slack.text();
        }
    }

    /** What one channel did with an announced event. */
    sealed interface Delivery {

        String text();

        /** Published on the notifications topic. */
        record Published() implements Delivery {
            public String text() {
                return "published";
            }
        }

        /** Slack took the message at attempt {@code attempt} of this invocation. */
        record Posted(int attempt) implements Delivery {
            public String text() {
                return attempt == 1 ? "posted" : "posted (attempt " + attempt + ")";
            }
        }

        /** Slack refused the message for good (or has no address yet): no retry could change the answer. */
        record Dropped(String why) implements Delivery {
            public String text() {
                return "dropped: " + why;
            }
        }

        /** An earlier delivery of this event claimed the channel: it was sent then (or lost then, not sent twice). */
        record SentBefore() implements Delivery {
            public String text() {
                return "duplicate (sent before)";
            }
        }
    }
}
