package dev.shiplane.sandbox.ecsengine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** One service deployment ECS's engine is carrying out: its record, its plan, and what it is waiting for. */
final class EngineRun {

    /** What a run waits for before its next step. */
    sealed interface Waiting {
        Instant until();
    }

    /** A bake, until {@code until}. */
    record Baking(Instant until) implements Waiting {}

    /** A Lambda hook answered IN_PROGRESS: ECS invokes it again at {@code until} with {@code hookDetails}. */
    record CallingBack(Instant until, String executionId, JsonNode hookDetails) implements Waiting {}

    /** A pause hook, until ContinueServiceDeployment names {@code hookId} or {@code until} passes. */
    record Paused(Instant until, String hookId) implements Waiting {}

    final ObjectNode record;
    final NativeConfiguration configuration;
    final String cluster;
    final String service;
    List<EngineStep> steps;
    int next;
    boolean rollingBack;
    String rollbackReason;
    Waiting waiting;
    double testPercent;
    double productionPercent;

    EngineRun(ObjectNode record, NativeConfiguration configuration) {
        this.record = record;
        this.configuration = configuration;
        var serviceArn = record.path("serviceArn").asText();
        var parts = serviceArn.substring(serviceArn.indexOf(":service/") + ":service/".length()).split("/");
        this.cluster = parts[0];
        this.service = parts[1];
        this.steps = EnginePlan.forward(configuration);
    }

    String arn() {
        return record.path("serviceDeploymentArn").asText();
    }

    String shortId() {
        var arn = arn();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    String serviceArn() {
        return record.path("serviceArn").asText();
    }

    String sourceRevision() {
        return record.path("sourceServiceRevisions").path(0).path("arn").asText();
    }

    String targetRevision() {
        return record.path("targetServiceRevision").path("arn").asText();
    }

    String status() {
        return record.path("status").asText();
    }

    /** The record's requested weights follow the traffic. */
    void weights(double test, double production) {
        testPercent = test;
        productionPercent = production;
        var source = (ObjectNode) record.path("sourceServiceRevisions").path(0);
        source.put("requestedTestTrafficWeight", 100 - test).put("requestedProductionTrafficWeight", 100 - production);
        ((ObjectNode) record.path("targetServiceRevision")).put("requestedTestTrafficWeight", test)
                .put("requestedProductionTrafficWeight", production);
    }

    /** The deployment as the timeline names it: {@code cluster/service deployment-id}. */
    String who() {
        return cluster + "/" + service + " " + shortId();
    }
}
