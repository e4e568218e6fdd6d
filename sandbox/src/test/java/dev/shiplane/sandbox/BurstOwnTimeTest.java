package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The burst's "handler time less SDK calls" section: warm invocations only, p99 held to 50 ms. */
class BurstOwnTimeTest {

    private static final long MS = 1_000_000L;

    private static Burst.Result result(List<Burst.Measured> invocations) {
        return new Burst.Result(null, 0, 0, invocations, List.of(), 0, List.of(), 0, "test");
    }

    @Test
    void firstInvocationOfEachFunction_isLeftOut_andSdkTimeIsSubtracted() {
        List<Burst.Measured> invocations = new ArrayList<>();
        invocations.add(new Burst.Measured("shiplane-deploy", "ECR Image Action", 900 * MS, 100 * MS, null, false));
        for (int i = 0; i < 100; i++) {
            invocations.add(new Burst.Measured("shiplane-deploy", "Image Pushed", 70 * MS, 60 * MS, null, false));
        }
        var section = Burst.ownTime(result(invocations));
        assertThat(section).contains("| shiplane-deploy | 100 | 86% | 10 ms | 10 ms | yes |");
    }

    @Test
    void p99AboveFiftyMilliseconds_isSaidNotToHold() {
        List<Burst.Measured> invocations = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            invocations.add(new Burst.Measured("shiplane-notify", "Deployment Started", 80 * MS, 10 * MS, null, false));
        }
        assertThat(Burst.ownTime(result(invocations))).contains("| shiplane-notify | 100 | 13% | 70 ms | 70 ms | **no** |");
    }

    @Test
    void untimedRun_saysSo() {
        var invocations = List.of(new Burst.Measured("shiplane-deploy", "Image Pushed", 5 * MS, 0, null, false));
        assertThat(Burst.ownTime(result(invocations))).contains("SDK calls were not timed");
    }
}
