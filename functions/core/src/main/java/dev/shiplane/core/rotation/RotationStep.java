package dev.shiplane.core.rotation;

/**
 * The four steps of a Secrets Manager rotation, in order. Each is idempotent: running it again, or running the whole
 * rotation again after a crash in any step, ends in the same state.
 */
public enum RotationStep {
    /** Store a new value as the version named by the rotation token, labelled {@code AWSPENDING}. */
    CREATE_SECRET("createSecret"),
    /** Make the pending value valid where it is used (the database password); the current one keeps working. */
    SET_SECRET("setSecret"),
    /** Prove the pending value works (a real login) before anyone is given it. */
    TEST_SECRET("testSecret"),
    /** Move {@code AWSCURRENT} to the pending version; the old one becomes {@code AWSPREVIOUS}. */
    FINISH_SECRET("finishSecret");

    private final String code;

    RotationStep(String code) {
        this.code = code;
    }

    /** The name Secrets Manager sends as {@code Step} and shiplane reports in {@code Rotation Failed}. */
    public String code() {
        return code;
    }

    public static RotationStep fromCode(String code) {
        for (var step : values()) {
            if (step.code.equals(code)) return step;
        }
        throw new IllegalArgumentException("unknown rotation step '" + code
                + "' (known: createSecret, setSecret, testSecret, finishSecret)");
    }
}
