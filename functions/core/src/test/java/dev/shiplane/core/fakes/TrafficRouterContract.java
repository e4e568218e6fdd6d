package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.rollout.TrafficRouter;
import dev.shiplane.core.canary.Colour;
import dev.shiplane.core.canary.Routing;
import org.junit.jupiter.api.Test;

/** What every {@link TrafficRouter} must do; run against the fake (core) and ELBv2 on the emulator (aws). */
public abstract class TrafficRouterContract {

    protected abstract TrafficRouter router();

    /**
     * A progressive service: target groups {@code <cluster>-<service>-blue/-green}, a listener rule forwarding all
     * traffic to blue, ECS services {@code <service>-blue/-green}.
     */
    protected abstract void givenProgressiveService(String cluster, String service);

    /** The weights {@code routing}'s rule forwards with, read from the router's backend: {@code blue=N green=M}. */
    protected abstract String weightsOf(Routing routing);

    static BlueGreenNames names(String cluster, String service) {
        return new BlueGreenNames(service + "-blue", service + "-green", cluster + "-" + service + "-blue",
                cluster + "-" + service + "-green");
    }

    @Test
    void discover_findsTheRuleForwardingToBothColours() {
        givenProgressiveService("monynha-prod", "web");

        var routing = router().discover(names("monynha-prod", "web"));

        assertThat(routing.listenerRuleArn()).isNotBlank();
        assertThat(routing.blueTargetGroupArn()).isNotEqualTo(routing.greenTargetGroupArn());
        assertThat(routing.service(Colour.BLUE)).isEqualTo("web-blue");
        assertThat(routing.service(Colour.GREEN)).isEqualTo("web-green");
        assertThat(weightsOf(routing)).isEqualTo("blue=100 green=0");
    }

    @Test
    void eachService_hasItsOwnRule() {
        givenProgressiveService("monynha-prod", "api");
        givenProgressiveService("monynha-prod", "web");

        var api = router().discover(names("monynha-prod", "api"));
        var web = router().discover(names("monynha-prod", "web"));

        assertThat(web.listenerRuleArn()).isNotEqualTo(api.listenerRuleArn());
    }

    @Test
    void setWeights_sendsTheCanaryItsShareAndTheRestToTheOtherColour() {
        givenProgressiveService("monynha-prod", "web");
        var routing = router().discover(names("monynha-prod", "web"));

        router().setWeights(routing, Colour.GREEN, 25);
        assertThat(weightsOf(routing)).isEqualTo("blue=75 green=25");

        router().setWeights(routing, Colour.BLUE, 100);
        assertThat(weightsOf(routing)).isEqualTo("blue=100 green=0");
    }

    @Test
    void setWeights_isIdempotent() {
        givenProgressiveService("monynha-prod", "web");
        var routing = router().discover(names("monynha-prod", "web"));

        router().setWeights(routing, Colour.GREEN, 10);
        router().setWeights(routing, Colour.GREEN, 10);

        assertThat(weightsOf(routing)).isEqualTo("blue=90 green=10");
    }

    @Test
    void oneServicesWeights_leaveAnotherServiceAlone() {
        givenProgressiveService("monynha-prod", "api");
        givenProgressiveService("monynha-prod", "web");
        var api = router().discover(names("monynha-prod", "api"));
        var web = router().discover(names("monynha-prod", "web"));

        router().setWeights(web, Colour.GREEN, 50);

        assertThat(weightsOf(web)).isEqualTo("blue=50 green=50");
        assertThat(weightsOf(api)).isEqualTo("blue=100 green=0");
    }

    @Test
    void missingTargetGroup_throwsNamingIt() {
        givenProgressiveService("monynha-prod", "web");
        var missingGreen = new BlueGreenNames("web-blue", "web-green", "monynha-prod-web-blue", "nope-green");

        assertThatThrownBy(() -> router().discover(missingGreen))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope-green")
                .hasMessageContaining("must both exist");
    }

    @Test
    void targetGroupsNoRuleForwardsToTogether_throw() {
        givenProgressiveService("monynha-prod", "api");
        givenProgressiveService("monynha-prod", "web");
        var crossed = new BlueGreenNames("web-blue", "api-green", "monynha-prod-web-blue", "monynha-prod-api-green");

        assertThatThrownBy(() -> router().discover(crossed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no listener rule forwards to both");
    }
}
