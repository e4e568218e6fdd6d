package dev.shiplane.contract.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.testkit.RepoFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples in events/shiplane are the documented public API: each must round-trip through its record. */
class DomainEventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "image-pushed.json",
            "deployment-started.json",
            "deployment-skipped.json",
            "deployment-succeeded.json",
            "deployment-failed.json",
            "secret-rotated.json",
            "rotation-failed.json",
            "rotation-requested.json",
            "traffic-shifted.json",
            "canary-step-due.json",
            "promotion-due.json",
            "verification-due.json",
            "deployment-verified.json",
            "deployment-rolled-back.json",
            "deployment-aborted.json",
            "promote-requested.json",
            "rollback-requested-emergency.json",
            "rollback-failed.json",
            "rollout-paused.json",
            "gate-passed.json",
            "gate-failed.json",
            "deployment-blocked.json",
            "scan-timeout-due.json",
            "deploy-requested.json",
            "health-check-due.json",
            "health-check-due-prod.json",
            "gate-passed-pre-traffic.json",
            "gate-failed-post-promotion.json",
            "freeze-started.json",
            "freeze-lifted.json",
            "approval-requested.json"})
    void sampleRoundTripsThroughItsRecord(String sample) throws Exception {
        var envelope = JSON.readTree(RepoFiles.text("events/shiplane/" + sample));
        var detailType = envelope.get("detail-type").asText();

        DomainEvent event = DomainEventJson.read(detailType, envelope.get("detail").toString());
        var written = JSON.readTree(DomainEventJson.detail(event));

        assertThat(event.detailType()).isEqualTo(detailType);
        assertThat(envelope.get("source").asText()).isEqualTo(DomainEvent.SOURCE);
        assertThat(written).isEqualTo(envelope.get("detail"));
        assertThat(DomainEventJson.read(detailType, written.toString())).isEqualTo(event);
    }
}
