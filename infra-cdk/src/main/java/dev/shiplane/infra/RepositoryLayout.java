package dev.shiplane.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the app finds {@code shiplane.yml} and the function packages in a checkout of the repository. The root
 * is the system property {@value #ROOT_PROPERTY} (surefire sets it) when it holds the config, or else the nearest directory, from the
 * working directory upwards, that holds {@value #CONFIG_FILE}: the CDK CLI runs the app from {@code infra-cdk/}.
 *
 * <p>The packages are the function modules' {@code zip:lambda} artifacts, which this module's build copies to
 * {@value #PACKAGES} (see its pom): the app deploys build artifacts, not files of other modules' build directories.
 */
final class RepositoryLayout {

    static final String ROOT_PROPERTY = "shiplane.repoRoot";
    static final String CONFIG_FILE = "shiplane.yml";
    static final String PACKAGES = "infra-cdk/target/lambda";

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

    /** The deploy function's package; checked here because CDK's own error names neither the cause nor a fix. */
    Path deployPackage() {
        return packaged("deploy");
    }

    /** The webhook function's package, checked like {@link #deployPackage()}. */
    Path webhookPackage() {
        return packaged("webhook");
    }

    /** The rotation function's package, checked like {@link #deployPackage()}. */
    Path rotatePackage() {
        return packaged("rotate");
    }

    /** The canary function's package, checked like {@link #deployPackage()}. */
    Path canaryPackage() {
        return packaged("canary");
    }

    /** The rollback function's package, checked like {@link #deployPackage()}. */
    Path rollbackPackage() {
        return packaged("rollback");
    }

    /** The checks function's package, checked like {@link #deployPackage()}. */
    Path checksPackage() {
        return packaged("checks");
    }

    /** The notify function's package, checked like {@link #deployPackage()}. */
    Path notifyPackage() {
        return packaged("notify");
    }

    /** The hooks function's package, checked like {@link #deployPackage()}. */
    Path hooksPackage() {
        return packaged("hooks");
    }

    /** The operator function's package, checked like {@link #deployPackage()}. */
    Path operatorPackage() {
        return packaged("operator");
    }

    private Path packaged(String function) {
        var zip = root.resolve(PACKAGES).resolve("shiplane-" + function + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " not found: build the app with the function packages first"
                    + " (./mvnw -pl infra-cdk -am package -DskipTests)");
        }
        return zip;
    }
}
