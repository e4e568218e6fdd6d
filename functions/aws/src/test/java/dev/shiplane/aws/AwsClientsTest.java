package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.EmulatorGateway;
import dev.shiplane.testkit.TestAws;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

@ExtendWith(EmulatorExtension.class)
class AwsClientsTest {

    @Test
    void lazyClient_isBuiltOnItsFirstCallOnly(TestAws aws) {
        aws.createBus("shiplane");
        var clients = new AwsClients(aws.environment(Map.of()));
        var events = clients.lazy(EventBridgeClient.class, EventBridgeClient::builder);
        clients.lazy(DynamoDbClient.class, DynamoDbClient::builder);
        assertThat(clients.builtCount()).isZero();

        assertThat(events.describeEventBus(r -> r.name("shiplane")).name()).isEqualTo("shiplane");
        events.describeEventBus(r -> r.name("shiplane"));

        assertThat(clients.builtCount()).as("EventBridge's client only").isEqualTo(1);
    }

    @Test
    void lazyClient_throwsWhatTheSdkThrows(TestAws aws) {
        var events = new AwsClients(aws.environment(Map.of())).lazy(EventBridgeClient.class, EventBridgeClient::builder);

        assertThatThrownBy(() -> events.describeEventBus(r -> r.name("no-such-bus")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void prime_buildsEveryClient_andCallsEachOperationOnALocalTwin(TestAws aws) {
        aws.createBus("shiplane");
        try (var gateway = EmulatorGateway.start(aws.emulator().endpoint())) {
            var reached = new AtomicInteger();
            gateway.onIncoming(request -> {
                reached.incrementAndGet();
                return null;
            });
            var env = new HashMap<>(aws.environment(Map.of()));
            env.put("AWS_ENDPOINT_URL", gateway.endpoint());
            var clients = new AwsClients(env);
            var events = clients.lazy(EventBridgeClient.class, EventBridgeClient::builder);
            clients.lazy(DynamoDbClient.class, DynamoDbClient::builder);
            clients.lazy(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder);
            clients.lazy(CloudWatchClient.class, CloudWatchClient::builder);
            clients.lazy(SchedulerClient.class, SchedulerClient::builder);

            var primed = clients.prime();

            assertThat(clients.builtCount()).isEqualTo(5);
            assertThat(primed).as("answered in each client's protocol: AWS JSON, AWS Query (XML), CloudWatch's, "
                            + "REST-JSON with the schedule's name in the path")
                    .contains("EventBridge.putEvents", "EventBridge.createEventBus",
                            "DynamoDb.getItem", "DynamoDb.transactWriteItems", "DynamoDb.createTable",
                            "ElasticLoadBalancingV2.modifyRule", "ElasticLoadBalancingV2.describeRules",
                            "CloudWatch.describeAlarms", "Scheduler.createSchedule", "Scheduler.deleteSchedule");
            assertThat(reached).as("requests that reached the emulator while priming").hasValue(0);

            events.describeEventBus(r -> r.name("shiplane"));
            assertThat(reached).as("the real client's call, after priming, does").hasValue(1);
        }
    }
}
