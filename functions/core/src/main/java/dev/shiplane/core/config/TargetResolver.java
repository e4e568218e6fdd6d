package dev.shiplane.core.config;

import dev.shiplane.core.image.ImagePush;
import java.util.ArrayList;
import java.util.List;

/** Which services, in which environments, run images from a pushed repository. */
public final class TargetResolver {

    private TargetResolver() {}

    /** Targets in configuration order (environments first, then services); empty for an unknown repository. */
    public static List<Target> resolve(ShiplaneConfig config, ImagePush push) {
        List<Target> targets = new ArrayList<>();
        for (var env : config.environments()) {
            if (!config.served().serves(env.name())) continue;
            for (var svc : config.services()) {
                if (svc.environments().contains(env.name()) && svc.repositories().contains(push.source())) {
                    targets.add(new Target(env, svc));
                }
            }
        }
        return List.copyOf(targets);
    }
}
