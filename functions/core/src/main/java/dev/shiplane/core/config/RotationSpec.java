package dev.shiplane.core.config;

import java.util.List;

/**
 * When and what shiplane rotates.
 *
 * @param schedule EventBridge schedule expression of the rotation run (default {@code cron(0 0 1 * ? *)}: monthly)
 * @param secrets  managed secrets, in configuration order
 */
public record RotationSpec(String schedule, List<SecretSpec> secrets) {

    public static final String MONTHLY = "cron(0 0 1 * ? *)";

    public RotationSpec {
        secrets = List.copyOf(secrets);
    }

    public static RotationSpec none() {
        return new RotationSpec(MONTHLY, List.of());
    }
}
