package dev.shiplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The AWS operations a function's package can call, as its packaging step wrote them
 * ({@code functions/<fn>/target/aws-operations.txt}, by functions/build-tools/ListAwsOperations.java from the shrunk
 * jar). Only a shrunk package's list is the function's own calls: an unshrunk one holds every operation of each
 * linked service. Reading one fails the test, except in a build that skipped shrinking on purpose
 * ({@code -Dlambda.shrink.skip=true}, which surefire passes on), where the test is skipped with that reason.
 */
final class AwsOperationsArtifact {

    static final String FILE = "aws-operations.txt";
    private static final String SHRUNK_HEADER = "# AWS operations this package can call";

    private AwsOperationsArtifact() {}

    static List<String> of(Path repositoryRoot, String function) {
        var file = repositoryRoot.resolve(Path.of("functions", function, "target", FILE));
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " not found: package the function first (mvn -pl functions/" + function
                    + " -am package), whose aws-operations step lists what it can call");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty() || !lines.getFirst().startsWith(SHRUNK_HEADER)) {
            var message = file + " was listed from an unshrunk package (every operation of each linked service, not"
                    + " the function's own calls): the permissions test needs the shrunk packages of a full build"
                    + " (mvn verify without -Dlambda.shrink.skip=true)";
            Assumptions.assumeFalse(Boolean.getBoolean("lambda.shrink.skip"), message);
            throw new AssertionError(message);
        }
        return lines.stream().skip(1).filter(line -> !line.isBlank()).toList();
    }
}
