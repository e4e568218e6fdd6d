package dev.shiplane.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the app finds {@code shiplane.yml} and the function packages in a checkout of the repository. The root
 * is the system property {@value #ROOT_PROPERTY} (surefire sets it) when it holds the config, or else the nearest directory, from the
 * working directory upwards, that holds {@value #CONFIG_FILE}: the CDK CLI runs the app from {@code infra-cdk/}.
 */
final class RepositoryLayout {

    static final String ROOT_PROPERTY = "shiplane.repoRoot";
    static final String CONFIG_FILE = "shiplane.yml";
    private static final Path DEPLOY_JAR = Path.of("functions", "deploy", "target", "deploy.jar");
    private static final Path WEBHOOK_JAR = Path.of("functions", "webhook", "target", "webhook.jar");
    private static final Path ROTATE_JAR = Path.of("functions", "rotate", "target", "rotate.jar");
    private static final Path CANARY_JAR = Path.of("functions", "canary", "target", "canary.jar");
    private static final Path ROLLBACK_JAR = Path.of("functions", "rollback", "target", "rollback.jar");
    private static final Path CHECKS_JAR = Path.of("functions", "checks", "target", "checks.jar");
    private static final Path NOTIFY_JAR = Path.of("functions", "notify", "target", "notify.jar");
    private static final Path HOOKS_JAR = Path.of("functions", "hooks", "target", "hooks.jar");

    private final Path root;

    RepositoryLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    static RepositoryLayout locate() {
        var property = System.getProperty(ROOT_PROPERTY);
        // Maven sets the property to the directory it was started in, which is a module when run from one.
        if (property != null && !property.isBlank() && Files.isRegularFile(Path.of(property, CONFIG_FILE))) {
            return new RepositoryLayout(Path.of(property));
        }
        var start = Path.of("").toAbsolutePath();
        for (var dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CONFIG_FILE))) {
                return new RepositoryLayout(dir);
            }
        }
        throw new IllegalStateException("no " + CONFIG_FILE + " in " + start + " or any parent directory: run the"
                + " app inside the shiplane repository or pass -D" + ROOT_PROPERTY + "=<repository root>");
    }

    Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    /** The deploy function's shaded jar; checked here because CDK's own error names neither the cause nor a fix. */
    Path deployJar() {
        var jar = root.resolve(DEPLOY_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the function first"
                    + " (mvn -pl functions/deploy -am package -DskipTests)");
        }
        return jar;
    }

    /** The webhook function's shaded jar, checked like {@link #deployJar()}. */
    Path webhookJar() {
        var jar = root.resolve(WEBHOOK_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the function first"
                    + " (mvn -pl functions/webhook -am package -DskipTests)");
        }
        return jar;
    }

    /** The rotation function's shaded jar, checked like {@link #deployJar()}. */
    Path rotateJar() {
        var jar = root.resolve(ROTATE_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the function first"
                    + " (mvn -pl functions/rotate -am package -DskipTests)");
        }
        return jar;
    }

    /** The canary function's shaded jar, checked like {@link #deployJar()}. */
    Path canaryJar() {
        return packaged(CANARY_JAR, "functions/canary");
    }

    /** The rollback function's shaded jar, checked like {@link #deployJar()}. */
    Path rollbackJar() {
        return packaged(ROLLBACK_JAR, "functions/rollback");
    }

    /** The checks function's shaded jar, checked like {@link #deployJar()}. */
    Path checksJar() {
        return packaged(CHECKS_JAR, "functions/checks");
    }

    /** The notify function's shaded jar, checked like {@link #deployJar()}. */
    Path notifyJar() {
        return packaged(NOTIFY_JAR, "functions/notify");
    }

    /** The hooks function's shaded jar, checked like {@link #deployJar()}. */
    Path hooksJar() {
        return packaged(HOOKS_JAR, "functions/hooks");
    }

    private Path packaged(Path relative, String module) {
        var jar = root.resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: package the function first (mvn -pl " + module
                    + " -am package -DskipTests)");
        }
        return jar;
    }
}
