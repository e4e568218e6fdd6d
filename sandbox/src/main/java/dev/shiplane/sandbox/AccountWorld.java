package dev.shiplane.sandbox;

import dev.shiplane.sandbox.ecsengine.EcsNativeController;
import dev.shiplane.testkit.TestAws;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One account of the story: its delivery stack's template, provisioned as {@link SandboxWorld} does (bus, ledger,
 * rules, the functions as their roles of this account), its environments' clusters, load balancers and alarms, and
 * AWS's part for them (ECS's completions and engine, the forwarding of its rules that target another account's bus).
 *
 * @param inAccount      the environments running in this account
 * @param engine         ECS's own engine for this account's services on it; {@code null} when none is
 * @param cliEnvironment what {@code shiplane} sees when it acts on this account: its credentials, bus and ledger
 */
record AccountWorld(String account, TestAws aws, CloudTemplate template, Predicate<String> inAccount,
                    SandboxWorld.Provisioned world, ProgressiveWorld progressive, EcsCompletionBridge bridge,
                    EcsNativeController engine, CrossAccountForwarding forwarding, Map<String, String> cliEnvironment) {

    Dispatcher dispatcher() {
        return world.dispatcher();
    }

    /** What ECS's engine does now in this account (nothing when no service here is on it). */
    List<EcsNativeController.Emitted> engineProgress(java.time.Instant now, java.time.Instant waitsEndBy) {
        return engine == null ? List.of() : engine.progress(now, waitsEndBy);
    }
}
