package dev.shiplane.contract.config;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a service's {@code taskRole} and {@code executionRole}: in every environment of the service, the name the
 * placeholders resolve to must be a valid IAM role name, since the delivery stack grants {@code iam:PassRole} on
 * exactly that role and a platform stack creates it under that name.
 */
final class TaskRoleNames {

    /** IAM's role names (1 to 64 of these characters), after an optional path ({@code service-role/}). */
    private static final Pattern ROLE_NAME = Pattern.compile("(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    private TaskRoleNames() {}

    static List<String> problems(ServiceSpec service, List<EnvironmentSpec> environments, String at) {
        var problems = new ArrayList<String>();
        for (var env : environments) {
            if (!service.environments().contains(env.name()) || env.cluster() == null) continue;
            check(service.taskRoleIn(env), at + ".taskRole", env, problems);
            check(service.executionRoleIn(env), at + ".executionRole", env, problems);
        }
        return problems.stream().distinct().toList();
    }

    private static void check(String roleName, String field, EnvironmentSpec env, List<String> problems) {
        if (roleName != null && !ROLE_NAME.matcher(roleName).matches()) {
            problems.add(field + ": '" + roleName + "' (in " + env.name() + ") is not an IAM role name: 1 to 64"
                    + " letters, digits or + = , . @ _ -, after an optional path (a placeholder left unresolved or an ARN is not"
                    + " one)");
        }
    }
}
