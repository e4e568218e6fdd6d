package dev.shiplane.core.access;

import java.util.Arrays;
import java.util.List;

/**
 * What an operator may ask shiplane to do, as {@code operators:} names it. A redeploy is not here: operators never
 * request one (secret rotation does, as shiplane's own role), and a restart with the running image is a
 * {@link #DEPLOY} of that image.
 */
public enum OperatorAction {
    DEPLOY("deploy"),
    ROLLBACK("rollback"),
    PROMOTE("promote"),
    ABORT("abort"),
    PAUSE("pause"),
    RESUME("resume"),
    FREEZE("freeze"),
    UNFREEZE("unfreeze");

    private final String code;

    OperatorAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(OperatorAction::code).toList();
    }

    public static OperatorAction fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + code + "' is not an operator action (one of "
                        + String.join(", ", codes()) + ")"));
    }
}
