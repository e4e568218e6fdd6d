package dev.shiplane.core.freeze;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Is {@code env} frozen at {@code now}? An operator's ad-hoc freeze first (it names who and until when), then the
 * calendar windows in configuration order. Pure. Only deployments ask: rollbacks are never frozen.
 */
public final class FreezePolicy {

    private FreezePolicy() {}

    public static FreezeVerdict verdict(List<FreezeWindow> windows, Optional<Freeze> adHoc, String env, Instant now) {
        var freeze = adHoc.filter(f -> f.env().equals(env) && f.activeAt(now));
        if (freeze.isPresent()) {
            var f = freeze.get();
            return new FreezeVerdict.Frozen(env + " is frozen until " + f.until() + " by " + f.requestedBy()
                    + (f.reason() == null ? "" : ": " + f.reason()));
        }
        return windows.stream().filter(w -> w.covers(env, now)).findFirst()
                .<FreezeVerdict>map(w -> new FreezeVerdict.Frozen(env + " is in " + w.describe()))
                .orElse(new FreezeVerdict.Open());
    }
}
