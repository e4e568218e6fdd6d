package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awscdk.assertions.Template;

/**
 * cfn-lint over templates. Its exit code is a bit set: 2 errors, 4 warnings, 8 informational. Only errors fail:
 * CDK's own output draws warnings (W3005, a DependsOn the GetAtt already implies) that are not ours to fix.
 */
final class CfnLint {

    private CfnLint() {}

    static void assertNoErrors(List<Path> templates) {
        List<String> command = new ArrayList<>(List.of("cfn-lint"));
        templates.forEach(f -> command.add(f.toString()));
        try {
            Process lint;
            try {
                lint = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                throw new AssertionError("cfn-lint is not on the PATH; install it with `pip install cfn-lint`",
                        notInstalled);
            }
            var report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
            assertThat(lint.exitValue() & 2).as("cfn-lint error bit; report:%n%s", report).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while cfn-lint ran", e);
        }
    }

    /** Writes each template into {@code dir} as {@code <name>.template.json}, to be linted. */
    static Path write(Path dir, String name, Template template) {
        try {
            var file = dir.resolve(name + ".template.json");
            new ObjectMapper().writeValue(file.toFile(), template.toJSON());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
