package dev.shiplane.infra;

import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.ServedEnvironments;
import java.util.Set;

/**
 * Which secrets of {@code rotation.secrets} one delivery stack rotates (its schedule, rotation function and IAM):
 * the functions' own answer ({@code ShiplaneConfig.servedOnly}) for the environments the stack serves, exactly the
 * list its functions receive ({@link DeploymentScope#servedEnvironments}, {@code SHIPLANE_SERVED_ENVIRONMENTS}). One
 * rule in every mode: per account, or one stack with {@code -c env=…}, the stack that has the rotation function and
 * the function that rotates agree on every secret.
 */
final class RotationPlacement {

    private RotationPlacement() {}

    static RotationSpec rotationIn(InfraConfig infra, DeploymentScope scope) {
        var served = new ServedEnvironments(Set.copyOf(scope.servedEnvironments()));
        return infra.shiplane().servedOnly(served).rotation();
    }
}
