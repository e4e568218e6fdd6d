package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
    void buildAll_buildsEveryLazyClientWithoutCallingAws(TestAws aws) {
        var clients = new AwsClients(aws.environment(Map.of()));
        clients.lazy(EventBridgeClient.class, EventBridgeClient::builder);
        clients.lazy(DynamoDbClient.class, DynamoDbClient::builder);

        clients.buildAll();

        assertThat(clients.builtCount()).isEqualTo(2);
    }
}
