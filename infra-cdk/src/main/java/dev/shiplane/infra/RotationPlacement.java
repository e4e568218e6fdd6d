package dev.shiplane.infra;

import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.SecretSpec;

/**
 * Which account's delivery stack rotates each secret of {@code rotation.secrets} when shiplane.yml names accounts.
 * A secret named by ARN lives in the ARN's account; a secret named by name is a secret of that name in each account
 * where one of its consumers runs (each account keeps its own, as its own database); one without consumers, in the
 * primary account.
 */
final class RotationPlacement {

    private RotationPlacement() {}

    static RotationSpec rotationIn(InfraConfig infra, String account) {
        var rotation = infra.shiplane().rotation();
        return new RotationSpec(rotation.schedule(), rotation.secrets().stream()
                .filter(secret -> rotatedIn(infra, secret, account)).toList());
    }

    private static boolean rotatedIn(InfraConfig infra, SecretSpec secret, String account) {
        var accounts = infra.accounts();
        if (secret.secretId().startsWith("arn:")) return account.equals(secret.secretId().split(":")[4]);
        if (secret.consumers().isEmpty()) return account.equals(accounts.primary());
        return infra.shiplane().services().stream()
                .filter(s -> secret.consumers().contains(s.name()))
                .flatMap(s -> s.environments().stream())
                .anyMatch(env -> accounts.accountOf(env).map(account::equals).orElse(false));
    }
}
