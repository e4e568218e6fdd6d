package dev.shiplane.core.dora;

import java.time.Duration;

/**
 * One deployment's lead time for changes (DORA's: from the commit to running in production; here, to the
 * deployment succeeding in its environment), and where it was measured from.
 *
 * @param duration how long
 * @param from     {@link From#COMMIT} when the image named its commit and when it was made; {@link From#PUSH}
 *                 otherwise, which leaves out the time between the commit and the push (CI's build and tests)
 */
public record LeadTime(Duration duration, From from) {

    /** Where a lead time starts. */
    public enum From {
        COMMIT("commit"), PUSH("push");

        private final String code;

        From(String code) {
            this.code = code;
        }

        /** {@code commit} or {@code push}: how the CLI and the ledger's readers name it. */
        public String code() {
            return code;
        }
    }
}
