package dev.shiplane.core.access;

import java.util.List;
import java.util.Set;

/**
 * One entry of an environment's {@code operators:} list: these principals may take these actions there.
 *
 * @param actions    what they may do
 * @param principals who: role, role-session or user ARN patterns
 */
public record OperatorGrant(Set<OperatorAction> actions, List<PrincipalPattern> principals) {

    public OperatorGrant {
        actions = Set.copyOf(actions);
        principals = List.copyOf(principals);
    }
}
