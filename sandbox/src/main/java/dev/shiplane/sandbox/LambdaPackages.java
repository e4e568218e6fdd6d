package dev.shiplane.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loaders of the functions' Lambda packages: each function runs from its own shaded, shrunk jar
 * ({@code functions/<name>/target/<name>.jar}, the file the CDK template uploads), isolated from the sandbox's class
 * path as Lambda isolates it. A class the packaging dropped but the function needs fails the story here, not a
 * deployment in AWS.
 *
 * <p>Only the Lambda runtime interfaces ({@code com.amazonaws.services.lambda.runtime}) come from the sandbox, so
 * the handler can be called as Lambda's runtime calls it. One loader per jar for the JVM's lifetime: functions
 * started twice share their classes, as invocations of one warm Lambda do.
 *
 * <p>{@code scripts/burst} times each function's SDK calls: the system property {@value #TIMING_JAR_PROPERTY} names a
 * jar ({@link SdkCallTiming} and the SDK's global interceptor list) added after each package, and {@link SdkCallClock},
 * which those interceptors add to, comes from the sandbox so that it can read them.
 */
final class LambdaPackages {

    private static final String RUNTIME_INTERFACES = "com.amazonaws.services.lambda.runtime.";
    static final String TIMING_JAR_PROPERTY = "shiplane.sdkTimingJar";
    private static final Map<Path, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private LambdaPackages() {}

    /** The class loader of the package holding {@code handlerClass} ({@code dev.shiplane.<name>.…}). */
    static ClassLoader of(Path repoRoot, String handlerClass) {
        return LOADERS.computeIfAbsent(jar(repoRoot, handlerClass), LambdaPackages::open);
    }

    static Path jar(Path repoRoot, String handlerClass) {
        var parts = handlerClass.split("\\.");
        if (parts.length < 4 || !handlerClass.startsWith("dev.shiplane.")) {
            throw new IllegalArgumentException("handler " + handlerClass + " is not a shiplane function's");
        }
        var name = parts[2];
        return repoRoot.resolve(Path.of("functions", name, "target", name + ".jar"));
    }

    private static ClassLoader open(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Lambda package " + jar + " is missing: build it with "
                    + "`mvn -DskipTests install` (scripts/sandbox does)");
        }
        try {
            var timing = System.getProperty(TIMING_JAR_PROPERTY, "");
            return new PackageLoader(timing.isBlank() ? new URL[] {jar.toUri().toURL()}
                    : new URL[] {jar.toUri().toURL(), Path.of(timing).toUri().toURL()});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar first (after the JDK), except the runtime interfaces the sandbox calls the handler through. */
    private static final class PackageLoader extends URLClassLoader {
        private final ClassLoader sandbox = LambdaPackages.class.getClassLoader();

        PackageLoader(URL[] jars) {
            super("lambda-package:" + jars[0].getPath(), jars, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(RUNTIME_INTERFACES) || name.equals(SdkCallClock.class.getName())) {
                return sandbox.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
