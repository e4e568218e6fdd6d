package dev.shiplane.contract.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.events.TrafficShifted;
import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Rollout;
import dev.shiplane.core.canary.RolloutAction;
import dev.shiplane.core.canary.RolloutChecks;
import dev.shiplane.core.canary.RolloutPhase;
import dev.shiplane.core.canary.Routing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ledger keeps rollouts across shiplane versions: what an earlier version wrote must read back the same. */
class RolloutJsonTest {

    static final ImageRef IMAGE = new ImageRef("ecr", "monynha/api", "2.0.0", "sha256:abc",
            "123.dkr.ecr.us-east-1.amazonaws.com/monynha/api@sha256:abc");
    static final Rollout ROLLOUT = new Rollout("d-1", IMAGE, RolloutPhase.SHIFTING, List.of(10, 50, 100),
            Duration.ofMinutes(5), 1, false, Colour.GREEN, "td:2", "td:1", "ecs-1",
            new Routing("rule", "blue-tg", "green-tg", "api-blue", "api-green"), null,
            Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:05:00Z"),
            new RolloutChecks(List.of("smoke"), List.of(), List.of("smoke")), null);
    static final TrafficShifted SHIFTED = new TrafficShifted("staging", "api", "d-1", 2, 3, 50, 50, "green",
            Instant.parse("2026-11-26T10:10:00Z"), Instant.parse("2026-11-26T10:05:00Z"));
    static final List<RolloutAction> ACTIONS = List.of(new RolloutAction.SetWeights(Colour.GREEN, 50),
            new RolloutAction.ScaleService(Colour.BLUE, 0),
            new RolloutAction.ScheduleStep(2, Instant.parse("2026-11-26T10:10:00Z")),
            new RolloutAction.CancelStep(1), new RolloutAction.Publish(SHIFTED),
            new RolloutAction.RollService("api-blue", "td:1"),
            new RolloutAction.ScheduleEvent("verify", Instant.parse("2026-11-26T10:20:00Z"), SHIFTED));

    // Written by shiplane's Jackson-based RolloutJson (before 2026-11-27): explicit nulls, bake as seconds.
    static final String EARLIER_ROLLOUT = """
            {"deploymentId":"d-1","image":{"registry":"ecr","repository":"monynha/api","tag":"2.0.0","digest":"sha256:abc",\
            "uri":"123.dkr.ecr.us-east-1.amazonaws.com/monynha/api@sha256:abc"},"phase":"SHIFTING","steps":[10,50,100],\
            "bake":300.000000000,"stepIndex":1,"paused":false,"canaryColour":"GREEN","canaryTaskDefinition":"td:2",\
            "stableTaskDefinition":"td:1","canaryEcsDeploymentId":"ecs-1","routing":{"listenerRuleArn":"rule",\
            "blueTargetGroupArn":"blue-tg","greenTargetGroupArn":"green-tg","blueService":"api-blue",\
            "greenService":"api-green"},"reason":null,"startedAt":"2026-11-26T10:00:00Z",\
            "updatedAt":"2026-11-26T10:05:00Z","checks":{"preTraffic":["smoke"],"postPromotion":[],"passed":["smoke"]}}""";
    static final String EARLIER_ACTIONS = """
            [{"action":"set-weights","canary":"GREEN","canaryWeight":50},{"action":"scale-service","colour":"BLUE",\
            "desiredCount":0},{"action":"schedule-step","step":2,"at":"2026-11-26T10:10:00Z"},{"action":"cancel-step",\
            "step":1},{"action":"publish","event":{"detailType":"Traffic Shifted","detail":{"env":"staging",\
            "service":"api","deploymentId":"d-1","step":2,"steps":3,"canaryWeight":50,"stableWeight":50,\
            "canaryColour":"green","nextCheckAt":"2026-11-26T10:10:00Z","at":"2026-11-26T10:05:00Z"}}},\
            {"action":"roll-service","ecsService":"api-blue","taskDefinition":"td:1"},{"action":"schedule-event",\
            "name":"verify","at":"2026-11-26T10:20:00Z","event":{"detailType":"Traffic Shifted","detail":\
            {"env":"staging","service":"api","deploymentId":"d-1","step":2,"steps":3,"canaryWeight":50,\
            "stableWeight":50,"canaryColour":"green","nextCheckAt":"2026-11-26T10:10:00Z",\
            "at":"2026-11-26T10:05:00Z"}}}]""";

    @Test
    void readsWhatEarlierVersionsWrote() {
        assertThat(RolloutJson.readRollout(EARLIER_ROLLOUT)).isEqualTo(ROLLOUT);
        assertThat(RolloutJson.readActions(EARLIER_ACTIONS)).isEqualTo(ACTIONS);
    }

    @Test
    void readsBackWhatItWrites() {
        assertThat(RolloutJson.readRollout(RolloutJson.write(ROLLOUT))).isEqualTo(ROLLOUT);
        assertThat(RolloutJson.readActions(RolloutJson.writeActions(ACTIONS))).isEqualTo(ACTIONS);
    }

    @Test
    void writesDurationsAsIso8601AndActionsWithTheirTagFirst() {
        assertThat(RolloutJson.write(ROLLOUT)).contains("\"bake\":\"PT5M\"").doesNotContain("null");
        assertThat(RolloutJson.writeActions(ACTIONS)).startsWith("[{\"action\":\"set-weights\",\"canary\":\"GREEN\"")
                .contains("{\"action\":\"publish\",\"event\":{\"detailType\":\"Traffic Shifted\",\"detail\":{\"env\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "unknown action       | [{\"action\":\"launch-rockets\"}]                    | pendingActions.0: 'launch-rockets' is not one of [cancel-step,",
            "action without a tag | [{\"canaryWeight\":50}]                             | pendingActions.0: missing type id property 'action'",
            "action not an object | [5]                                                | pendingActions.0: expected an object",
            "event without a type | [{\"action\":\"publish\",\"event\":{\"detail\":{}}}] | pendingActions.0.event: expected",
            "bad member of event  | [{\"action\":\"publish\",\"event\":{\"detailType\":\"Traffic Shifted\",\"detail\":{\"step\":\"2\"}}}] | pendingActions.0.event.detail.step: expected a whole number, found string",
            "wrong member type    | [{\"action\":\"cancel-step\",\"step\":\"one\"}]     | pendingActions.0.step: expected a whole number",
            "not JSON             | [{                                                 | ledger holds an unreadable rollout"})
    void unreadableActionsSayWhere(String description, String stored, String expected) {
        assertThatThrownBy(() -> RolloutJson.readActions(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ledger holds an unreadable rollout").hasMessageContaining(expected);
    }

    @Test
    void anUnknownPhaseIsNamed() {
        assertThatThrownBy(() -> RolloutJson.readRollout(EARLIER_ROLLOUT.replace("SHIFTING", "WARPING")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rollout.phase: 'WARPING' is not one of [WAITING_FOR_HEALTHY");
    }
}
