package dev.shiplane.core.config;

/** Who moves a progressive service's traffic. */
public enum Engine {
    /** Two ECS services (blue and green) behind a weighted listener rule whose weights shiplane moves. */
    SHIPLANE("shiplane"),
    /** One ECS service whose own deployment engine (CANARY, LINEAR, BLUE_GREEN) moves the traffic. */
    ECS("ecs");

    private final String code;

    Engine(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Engine fromCode(String code) {
        for (Engine e : values()) {
            if (e.code.equals(code)) return e;
        }
        throw new IllegalArgumentException("unknown engine '" + code + "' (known: shiplane, ecs)");
    }
}
