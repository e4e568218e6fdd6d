package dev.shiplane.core.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of a two-colour service once its stack has settled. The template sets no desired count (a stack update
 * would otherwise re-apply it over what a rollout did), so CloudFormation creates each colour with one task; here the
 * live colour takes the count {@code platform.tasks} configures and the idle colour none. While a rollout moves traffic
 * between the colours, both stay as they are: the rollout sizes them itself.
 */
public final class ColourSizing {

    /** One colour's desired count to set. */
    public record Resize(String ecsService, int from, int to) {}

    private ColourSizing() {}

    public static List<Resize> plan(int configured, String liveService, int live, String idleService, int idle,
                                    boolean rolloutUnderWay) {
        List<Resize> resizes = new ArrayList<>();
        if (rolloutUnderWay) return resizes;
        if (live != configured) resizes.add(new Resize(liveService, live, configured));
        if (idle != 0) resizes.add(new Resize(idleService, idle, 0));
        return resizes;
    }
}
