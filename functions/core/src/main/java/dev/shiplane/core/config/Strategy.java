package dev.shiplane.core.config;

/** How a new revision replaces the running one. */
public enum Strategy {
    /** ECS rolling update of the one service (the ECS deployment circuit breaker decides failure). */
    ROLLING("rolling"),
    /** Blue and green services behind weighted target groups; traffic moves in configured percentage steps. */
    CANARY("canary"),
    /** Like canary, with equal increments at a fixed interval. */
    LINEAR("linear"),
    /** Like canary, with one step: all traffic moves once the new colour is healthy, then bakes. */
    BLUE_GREEN("blue-green");

    private final String code;

    Strategy(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether the service runs as two colours behind a weighted listener rule. */
    public boolean progressive() {
        return this != ROLLING;
    }

    public static Strategy fromCode(String code) {
        for (Strategy s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + code + "' (known: rolling, canary, linear, blue-green)");
    }
}
