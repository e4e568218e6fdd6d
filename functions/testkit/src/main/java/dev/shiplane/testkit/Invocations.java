package dev.shiplane.testkit;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Invoking functions as Lambda does in tests, and the AWS events the emulator never sends by itself (an ECS rollout
 * completing or failing), built from the samples in events/aws with the emulator's real ids.
 */
public final class Invocations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Invocations() {}

    /** Invokes a stream handler with raw event bytes; returns its {@code result} line. */
    public static String invoke(RequestStreamHandler handler, byte[] event) {
        try {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.of("test"));
            return JSON.readTree(out.toByteArray()).get("result").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ECS's id of the service's PRIMARY deployment, as moto assigned it. */
    public static String primaryEcsDeployment(TestAws aws, String cluster, String service) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services().getFirst()
                .deployments().stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow().id();
    }

    /** The {@code ECS Deployment State Change} AWS sends when the service's current rollout completes. */
    public static byte[] ecsCompleted(TestAws aws, String cluster, String service) {
        return ecsEvent("events/aws/ecs-deployment-completed.json", "service/monynha-prod/web", aws, cluster, service);
    }

    /** The same event for a rollout the circuit breaker failed. */
    public static byte[] ecsFailed(TestAws aws, String cluster, String service) {
        return ecsEvent("events/aws/ecs-deployment-failed.json", "service/monynha-prod/docs", aws, cluster, service);
    }

    private static byte[] ecsEvent(String sample, String sampleService, TestAws aws, String cluster, String service) {
        return RepoFiles.text(sample)
                .replace("ecs-svc/6301838913465711234", primaryEcsDeployment(aws, cluster, service))
                .replace(sampleService, "service/" + cluster + "/" + service)
                .getBytes(StandardCharsets.UTF_8);
    }
}
