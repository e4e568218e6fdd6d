package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
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
        var realCalls = new AtomicInteger();
        var clients = new AwsClients(aws.environment(Map.of()), List.of(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                realCalls.incrementAndGet();
            }
        }));
        clients.lazy(EventBridgeClient.class, EventBridgeClient::builder);
        clients.lazy(DynamoDbClient.class, DynamoDbClient::builder);
        clients.lazy(ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder);
        clients.lazy(CloudWatchClient.class, CloudWatchClient::builder);
        clients.lazy(SchedulerClient.class, SchedulerClient::builder);

        var primed = clients.prime();

        assertThat(clients.builtCount()).isEqualTo(5);
        assertThat(primed).as("answered in each client's protocol: AWS JSON, AWS Query (XML), CloudWatch's, REST-JSON "
                        + "with the schedule's name in the path")
                .contains("EventBridge.putEvents", "EventBridge.createEventBus",
                        "DynamoDb.getItem", "DynamoDb.transactWriteItems", "DynamoDb.createTable",
                        "ElasticLoadBalancingV2.modifyRule", "ElasticLoadBalancingV2.describeRules",
                        "CloudWatch.describeAlarms", "Scheduler.createSchedule", "Scheduler.deleteSchedule");
        assertThat(realCalls).as("the real clients made no call").hasValue(0);
        assertThat(aws.dynamo().listTables().tableNames()).as("CreateTable answered by the twin only").isEmpty();
        assertThat(aws.events().listEventBuses(r -> { }).eventBuses())
                .extracting(EventBus::name).as("CreateEventBus answered by the twin only")
                .containsExactlyInAnyOrder("default", "shiplane");
    }
}
