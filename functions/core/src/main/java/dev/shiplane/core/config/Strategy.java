package dev.shiplane.core.config;

/** How a new revision replaces the running one. */
public enum Strategy {
    /** ECS rolling update of the one service (the ECS deployment circuit breaker decides failure). */
    ROLLING("rolling");

    private final String code;

    Strategy(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Strategy fromCode(String code) {
        for (Strategy s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + code + "' (known: rolling)");
    }
}
