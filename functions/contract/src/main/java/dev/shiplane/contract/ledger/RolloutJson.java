package dev.shiplane.contract.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.shiplane.contract.ShiplaneJson;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import java.util.List;

/**
 * How a rollout and its pending actions are stored in the ledger head: JSON ({@link ShiplaneJson}), with actions
 * tagged by kind ({@code "action": "set-weights"}) and published events as {@code {"detailType": ..., "detail":
 * {...}}}, so a pending {@code Publish} survives a crash with its exact event. Reads what earlier versions wrote
 * (explicit nulls, durations as seconds).
 */
public final class RolloutJson {

    private static final TypeReference<List<RolloutAction>> ACTIONS = new TypeReference<>() {};

    private RolloutJson() {}

    public static String write(Rollout rollout) {
        return ShiplaneJson.write(rollout);
    }

    public static String writeActions(List<RolloutAction> actions) {
        return ShiplaneJson.write(actions, ACTIONS);
    }

    public static Rollout readRollout(String json) {
        try {
            return ShiplaneJson.read(json, Rollout.class, "rollout");
        } catch (IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    public static List<RolloutAction> readActions(String json) {
        try {
            return ShiplaneJson.read(json, ACTIONS, "pendingActions");
        } catch (IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    private static IllegalStateException unreadable(IllegalArgumentException e) {
        return new IllegalStateException("ledger holds an unreadable rollout: " + e.getMessage(), e);
    }
}
