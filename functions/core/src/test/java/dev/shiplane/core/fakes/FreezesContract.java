package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.freeze.Freezes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link Freezes} must do; run against the fake (core) and the ledger table on the emulator (aws). */
public abstract class FreezesContract {

    protected abstract Freezes freezes();

    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    static final Freeze PROD = new Freeze("prod", "incident 42", AT.plusSeconds(3600), "ops@monynha", AT);

    @Test
    void noFreeze_isEmpty() {
        assertThat(freezes().of("prod")).isEmpty();
    }

    @Test
    void putFreeze_isReadBackWhole() {
        freezes().put(PROD);

        assertThat(freezes().of("prod")).contains(PROD);
    }

    @Test
    void freezeWithoutReason_keepsTheReasonAbsent() {
        var silent = new Freeze("prod", null, AT.plusSeconds(60), "ops@monynha", AT);
        freezes().put(silent);

        assertThat(freezes().of("prod")).contains(silent);
    }

    @Test
    void freezes_belongToTheirEnvironmentOnly() {
        freezes().put(PROD);

        assertThat(freezes().of("staging")).isEmpty();
    }

    @Test
    void secondFreeze_replacesTheFirst() {
        freezes().put(PROD);
        var extended = new Freeze("prod", "incident 42, still", AT.plusSeconds(7200), "lead@monynha",
                AT.plusSeconds(600));
        freezes().put(extended);

        assertThat(freezes().of("prod")).contains(extended);
    }

    @Test
    void endedFreeze_isStillReturned_callersCompareUntil() {
        var ended = new Freeze("prod", "last week", AT.minusSeconds(60), "ops@monynha", AT.minusSeconds(3600));
        freezes().put(ended);

        assertThat(freezes().of("prod")).contains(ended);
    }

    @Test
    void lift_removesTheFreezeOfThatEnvironmentOnly() {
        freezes().put(PROD);
        var staging = new Freeze("staging", "demo", AT.plusSeconds(60), "ops@monynha", AT);
        freezes().put(staging);

        freezes().lift("prod");

        assertThat(freezes().of("prod")).isEmpty();
        assertThat(freezes().of("staging")).contains(staging);
    }

    @Test
    void liftingWhatIsNotFrozen_doesNothing() {
        freezes().lift("prod");
        freezes().lift("prod");

        assertThat(freezes().of("prod")).isEmpty();
    }
}
