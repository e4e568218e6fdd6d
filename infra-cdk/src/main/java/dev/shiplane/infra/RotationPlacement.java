package dev.shiplane.infra;

import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.ServedEnvironments;
import java.util.Set;

/**
 * Which account's delivery stack rotates each secret of {@code rotation.secrets} when shiplane.yml names accounts:
 * the functions' own answer ({@code ShiplaneConfig.servedOnly}) for the environments of that account, so the stack
 * that has the rotation function and the function that rotates agree on every secret.
 */
final class RotationPlacement {

    private RotationPlacement() {}

    static RotationSpec rotationIn(InfraConfig infra, String account) {
        var served = new ServedEnvironments(Set.copyOf(infra.accounts().environmentsIn(account)));
        return infra.shiplane().servedOnly(served).rotation();
    }
}
