package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The delivery stack reserves what shiplane.yml's {@code concurrency} section says: a cap for the public webhook, a
 * guaranteed share for the rollback and deploy functions, and nothing for the others (each reservation is taken
 * from the account's pool, which Lambda keeps at least 100 of).
 */
class ReservedConcurrencyTest {

    private static final Template DELIVERY = SynthesizedApp.get().template(ShiplaneDeliveryStack.STACK_NAME);
    private static final FunctionConcurrency CONFIGURED =
            InfraConfig.load(RepositoryLayout.locate().configFile()).concurrency();

    private static void reserves(String handler, Object reserved) {
        DELIVERY.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", handler, "ReservedConcurrentExecutions", reserved));
    }

    @Test
    void webhook_isCappedAtItsReservation() {
        assertThat(CONFIGURED.webhook()).isNotNull();
        reserves(WebhookBridge.HANDLER, CONFIGURED.webhook());
    }

    @Test
    void rollbackAndDeploy_keepTheirGuaranteedShare() {
        assertThat(CONFIGURED.rollback()).isNotNull();
        assertThat(CONFIGURED.deploy()).isNotNull();
        reserves(AlarmRollback.HANDLER, CONFIGURED.rollback());
        reserves(ImagePushDeploy.HANDLER, CONFIGURED.deploy());
    }

    @Test
    void otherFunctions_reserveNothing() {
        var reserving = DELIVERY.findResources("AWS::Lambda::Function", Map.of("Properties", Map.of(
                "ReservedConcurrentExecutions", Match.anyValue())));
        assertThat(reserving).hasSize(3);
        reserves(ProgressiveDelivery.HANDLER, Match.absent());
    }
}
