package dev.shiplane.core.webhook;

/** What checking a delivery's {@code X-Hub-Signature-256} found. */
public enum SignatureVerdict {
    /** Signed with the current secret. */
    CURRENT_SECRET,
    /** Signed with the previous secret: GitHub has not been given the rotated secret yet. */
    PREVIOUS_SECRET,
    /** No signature header, or one that is not {@code sha256=<64 hex digits>}. */
    MISSING,
    /** A well-formed signature that no valid secret produces. */
    MISMATCH;

    public boolean valid() {
        return this == CURRENT_SECRET || this == PREVIOUS_SECRET;
    }
}
