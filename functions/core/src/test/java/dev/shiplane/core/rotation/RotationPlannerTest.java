package dev.shiplane.core.rotation;

import static dev.shiplane.core.rotation.RotationStep.CREATE_SECRET;
import static dev.shiplane.core.rotation.RotationStep.FINISH_SECRET;
import static dev.shiplane.core.rotation.RotationStep.SET_SECRET;
import static dev.shiplane.core.rotation.RotationStep.TEST_SECRET;
import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PENDING;
import static dev.shiplane.core.rotation.SecretVersions.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RotationPlannerTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:30Z");
    static final Duration STALE_AFTER = Duration.ofMinutes(5);
    static final String TOKEN = "tok";

    static SecretVersions.Version v(String id, Duration age, String... stages) {
        return new SecretVersions.Version(id, Set.of(stages), NOW.minus(age));
    }

    static SecretVersions secret(SecretVersions.Version... versions) {
        return new SecretVersions("arn:aws:secretsmanager:us-east-1:123456789012:secret:team/db-AbCdEf", "team/db",
                List.of(versions));
    }

    static final SecretVersions.Version CUR = v("cur", Duration.ofDays(30), CURRENT);

    static Stream<Arguments> plans() {
        List<Arguments> rows = new ArrayList<>(List.of(
                row("createSecret on a secret with only a current version creates", CREATE_SECRET,
                        secret(CUR), false, "Create:-"),
                row("createSecret run again after storing its value does nothing", CREATE_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(5), PENDING)), true, "AlreadyDone"),
                row("createSecret fills the empty pending version RotateSecret made", CREATE_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(1), PENDING)), false, "Create:-"),
                row("createSecret while another run's recent pending exists is busy", CREATE_SECRET,
                        secret(CUR, v("other", Duration.ofMinutes(1), PENDING)), false, "Busy"),
                row("createSecret takes over another run's stale pending", CREATE_SECRET,
                        secret(CUR, v("other", Duration.ofHours(2), PENDING)), false, "Create:other"),
                row("createSecret takes over a pending exactly as old as the stale limit", CREATE_SECRET,
                        secret(CUR, v("other", STALE_AFTER, PENDING)), false, "Create:other"),
                row("createSecret clears a pending label left on the current version", CREATE_SECRET,
                        secret(v("cur", Duration.ofMinutes(1), CURRENT, PENDING)), false, "Create:cur"),
                row("setSecret with the stored pending value proceeds", SET_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(5), PENDING)), true, "Proceed:cur"),
                row("setSecret before createSecret is refused", SET_SECRET, secret(CUR), false, "Refuse"),
                row("setSecret on RotateSecret's empty pending version is refused", SET_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(1), PENDING)), false, "Refuse"),
                row("testSecret with the stored pending value proceeds", TEST_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(5), PENDING)), true, "Proceed:cur"),
                row("testSecret before createSecret is refused", TEST_SECRET, secret(CUR), false, "Refuse"),
                row("finishSecret promotes from the version that is current now", FINISH_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(5), PENDING)), true, "Promote:cur"),
                row("finishSecret before createSecret is refused", FINISH_SECRET, secret(CUR), false, "Refuse"),
                row("finishSecret on RotateSecret's empty pending version is refused", FINISH_SECRET,
                        secret(CUR, v(TOKEN, Duration.ofSeconds(1), PENDING)), false, "Refuse"),
                row("a secret without a current version is refused", CREATE_SECRET,
                        secret(v("x", Duration.ofDays(1))), false, "Refuse"),
                row("a token whose version ended as previous is superseded", CREATE_SECRET,
                        secret(v(TOKEN, Duration.ofDays(40), PREVIOUS), CUR), false, "Superseded")));
        for (var step : RotationStep.values()) {
            rows.add(row(step.code() + " after the rotation finished reports it finished", step,
                    secret(v("old", Duration.ofDays(30), PREVIOUS), v(TOKEN, Duration.ofMinutes(1), CURRENT)), false,
                    "Finished:false"));
            rows.add(row(step.code() + " after finishing left the pending label clears it", step,
                    secret(v("old", Duration.ofDays(30), PREVIOUS), v(TOKEN, Duration.ofMinutes(1), CURRENT, PENDING)),
                    true, "Finished:true"));
            rows.add(row(step.code() + " of a run another run took over is superseded", step,
                    secret(CUR, v(TOKEN, Duration.ofHours(2)), v("newer", Duration.ofMinutes(1), PENDING)), true,
                    "Superseded"));
        }
        return rows.stream();
    }

    static Arguments row(String name, RotationStep step, SecretVersions secret, boolean stored, String expected) {
        return Arguments.of(name, step, secret, stored, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan(String name, RotationStep step, SecretVersions secret, boolean stored, String expected) {
        var plan = RotationPlanner.plan(step, TOKEN, secret, stored, NOW, STALE_AFTER);

        assertThat(render(plan)).isEqualTo(expected);
    }

    static String render(StepPlan plan) {
        return switch (plan) {
            case StepPlan.Create c -> "Create:" + (c.staleVersionId() == null ? "-" : c.staleVersionId());
            case StepPlan.Proceed p -> "Proceed:" + p.currentVersionId();
            case StepPlan.Promote p -> "Promote:" + p.currentVersionId();
            case StepPlan.Finished f -> "Finished:" + f.clearPending();
            case StepPlan.AlreadyDone a -> "AlreadyDone";
            case StepPlan.Busy b -> "Busy";
            case StepPlan.Superseded s -> "Superseded";
            case StepPlan.Refuse r -> "Refuse";
        };
    }
}
