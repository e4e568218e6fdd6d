package dev.shiplane.core.gate;

import java.util.Locale;

/**
 * A finding's severity as ECR's basic scanning and Amazon Inspector report it, lowest first. {@code UNDEFINED} (a
 * CVE the vendor has not rated yet) ranks lowest: blocking on it would block every image built on a fresh base.
 */
public enum Severity {
    UNDEFINED, INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public static Severity fromCode(String code) {
        try {
            return valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + code + "' is not a severity (one of INFORMATIONAL, LOW, MEDIUM,"
                    + " HIGH, CRITICAL)");
        }
    }
}
