package dev.shiplane.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The sandbox's synthesized templates, reused while what they are made from is unchanged: the configuration file, the
 * CDK app's own code, and the Lambda packages the template names as assets. Synthesis starts CDK's Node runtime and
 * takes most of the time before the story's first event.
 */
final class TemplateCache {

    static final String KEY_FILE = "synthesized-from.sha256";

    /** What a call found: the template directory, and whether it was reused. */
    record Templates(Path directory, boolean reused) {}

    private TemplateCache() {}

    /** @param context the CDK context the synthesis is given, part of what it is made from */
    static Templates synthesized(Path configFile, Path outdir, Path repoRoot, Class<?> cdkApp,
                                 java.util.Map<String, String> context, Callable<Path> synth) throws Exception {
        var key = key(configFile, codeOf(cdkApp), lambdaPackages(repoRoot), new java.util.TreeMap<>(context).toString());
        var keyFile = outdir.resolve(KEY_FILE);
        if (Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)
                && Files.isRegularFile(outdir.resolve(dev.shiplane.infra.ShiplaneApp.TEMPLATE_FILE))) {
            return new Templates(outdir, true);
        }
        var directory = synth.call();
        Files.writeString(directory.resolve(KEY_FILE), key);
        return new Templates(directory, false);
    }

    /** A digest of the inputs: file contents for the configuration and the app's code; path, size and time for jars. */
    static String key(Path configFile, Path appCode, List<Path> packages, String context) throws IOException {
        var digest = sha256();
        update(digest, "context", context.getBytes(StandardCharsets.UTF_8));
        update(digest, "config", Files.readAllBytes(configFile));
        if (Files.isDirectory(appCode)) {
            try (var files = Files.walk(appCode)) {
                for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                    update(digest, appCode.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
        } else {
            update(digest, "app", stamp(appCode));
        }
        for (var jar : packages) update(digest, jar.toString(), stamp(jar));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] stamp(Path file) throws IOException {
        return (Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis()).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> lambdaPackages(Path repoRoot) throws IOException {
        try (var modules = Files.list(repoRoot.resolve("functions"))) {
            return modules.map(m -> m.resolve("target").resolve(m.getFileName() + ".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path codeOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String name, byte[] content) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(content);
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
