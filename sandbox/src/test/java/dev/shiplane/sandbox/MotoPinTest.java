package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.testkit.MotoServer;
import dev.shiplane.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One moto version everywhere: scripts/lib/moto-version is what the scripts and CI install and what the launcher,
 * whose patches name moto's internals, agrees to start on; this machine runs that version.
 */
class MotoPinTest {

    record Run(int exit, String output) {}

    private static Run python(String code) throws IOException, InterruptedException {
        var process = new ProcessBuilder("python3", "-c", code).directory(RepoFiles.root().toFile())
                .redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static String checkVersion(String installed) {
        return "import sys; sys.path.insert(0, 'scripts/lib'); import moto_pin; moto_pin.refuse_unless_pinned('"
                + installed + "'); print('accepted')";
    }

    @Test
    void theLauncherRefusesAnotherMoto_sayingWhatToInstall() throws Exception {
        var pinned = MotoServer.pinnedVersion();
        var refused = python(checkVersion("5.3.0"));

        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.output()).contains("refuses to start on moto 5.3.0")
                .contains("python3 -m pip install --user \"moto[server]==" + pinned + "\"");
        var accepted = python(checkVersion(pinned));
        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("accepted");
    }

    @Test
    void theLauncherChecksBeforePatching() throws Exception {
        var launcher = Files.readString(RepoFiles.root().resolve("scripts/lib/moto_server.py"));
        assertThat(launcher.indexOf("refuse_unless_pinned(moto.__version__)")).isPositive()
                .isLessThan(launcher.indexOf("_signatures_not_checked()\n"));
    }

    @Test
    void thisMachineRunsThePinnedMoto() throws Exception {
        var installed = python("import moto; print(moto.__version__)");
        assertThat(installed.output().strip()).isEqualTo(MotoServer.pinnedVersion());
    }

    @Test
    void ciAndTheScriptsInstallThePinnedVersion_fromTheOneFile() throws Exception {
        for (var file : List.of(".github/workflows/ci.yml", "scripts/lib/common.sh")) {
            var text = Files.readString(RepoFiles.root().resolve(file));
            assertThat(text).as(file).contains("moto-version").doesNotContainPattern("moto\\[server\\]==[0-9]");
        }
    }
}
