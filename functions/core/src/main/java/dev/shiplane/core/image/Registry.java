package dev.shiplane.core.image;

/** Where an image was pushed. */
public enum Registry {
    ECR("ecr"),
    GHCR("ghcr");

    private final String code;

    Registry(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Registry fromCode(String code) {
        for (Registry r : values()) {
            if (r.code.equals(code)) return r;
        }
        throw new IllegalArgumentException("unknown registry '" + code + "' (known: ecr, ghcr)");
    }
}
