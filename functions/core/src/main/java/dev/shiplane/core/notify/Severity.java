package dev.shiplane.core.notify;

/** How a notification looks: the colour bar of the Slack message, and a word for the plain-text summary. */
public enum Severity {
    /** Something started or moved on as planned. */
    INFO("#439fe0", "info"),
    /** Something finished well. */
    SUCCESS("#2eb886", "ok"),
    /** Someone should know: a freeze, a pause, a skipped promotion. */
    WARNING("#daa038", "warning"),
    /** Something went wrong: a failure, a rollback, a block. */
    DANGER("#a30200", "ALERT");

    private final String colour;
    private final String word;

    Severity(String colour, String word) {
        this.colour = colour;
        this.word = word;
    }

    /** Slack attachment colour. */
    public String colour() {
        return colour;
    }

    /** Prefix of the plain-text subject. */
    public String word() {
        return word;
    }
}
