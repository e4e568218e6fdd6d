package dev.shiplane.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository itself (events/, shiplane.yml), found from any module's tests. */
public final class RepoFiles {

    private RepoFiles() {}

    public static Path root() {
        var configured = System.getProperty("shiplane.repoRoot");
        if (configured != null && Files.isRegularFile(Path.of(configured, "shiplane.yml"))) {
            return Path.of(configured);
        }
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("shiplane.yml")) && Files.isDirectory(dir.resolve("events"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with shiplane.yml and events/)");
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8);
    }
}
