package dev.shiplane.core.access;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IAM or STS principal ARN taken apart: {@code arn:<partition>:<iam|sts>::<account>:<resource>}. */
record PrincipalArn(String partition, String service, String account, String resource) {

    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):(iam|sts)::([^:]+):(.+)");

    static Optional<PrincipalArn> parse(String arn) {
        if (arn == null) return Optional.empty();
        var m = ARN.matcher(arn);
        if (!m.matches()) return Optional.empty();
        var resource = m.group(4);
        var kindMatches = switch (m.group(2)) {
            case "iam" -> resource.startsWith("user/") || resource.startsWith("role/") || resource.equals("root");
            case "sts" -> resource.startsWith("assumed-role/") && resource.split("/", -1).length == 3;
            default -> false;
        };
        return kindMatches ? Optional.of(new PrincipalArn(m.group(1), m.group(2), m.group(3), resource))
                : Optional.empty();
    }

    boolean assumedRole() {
        return resource.startsWith("assumed-role/");
    }

    boolean role() {
        return resource.startsWith("role/");
    }

    /** A role's name, without its path: the only part of a role a session's ARN carries. */
    String roleName() {
        if (role()) return resource.substring(resource.lastIndexOf('/') + 1);
        if (assumedRole()) return resource.split("/")[1];
        throw new IllegalStateException(resource + " is not a role");
    }
}
