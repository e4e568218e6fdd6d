package dev.shiplane.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.contract.environment.CommonEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An endpoint that accepts connections and never answers: every client AwsClients builds gives up after its
 * attempt and call timeouts, instead of waiting on the socket until Lambda's own timeout ends the invocation.
 */
class AwsClientsTimeoutTest {

    ServerSocket silent;
    final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void silentEndpoint() throws IOException {
        silent = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                while (true) accepted.add(silent.accept()); // read nothing, answer nothing
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (var socket : accepted) socket.close();
    }

    Map<String, String> env(Map<String, String> extra) {
        var env = new java.util.HashMap<>(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:" + silent.getLocalPort(), "AWS_MAX_ATTEMPTS", "2"));
        env.putAll(extra);
        return env;
    }

    @Test
    void anEndpointThatNeverAnswers_failsTheCallWithinTheConfiguredTimeouts() {
        var dynamo = new AwsClients(env(Map.of(CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, "300",
                CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "2000"))).build(DynamoDbClient.builder());
        long t0 = System.nanoTime();

        assertThatThrownBy(dynamo::listTables).isInstanceOf(SdkClientException.class);

        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).as("two attempts of 300 ms and a back-off").isBetween(550L, 1_900L);
        assertThat(accepted).as("connections (one per attempt)").hasSize(2);
    }

    @Test
    void theCallTimeoutBoundsEveryAttemptTogether() {
        var dynamo = new AwsClients(env(Map.of(CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, "5000",
                CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "400", "AWS_MAX_ATTEMPTS", "5"))).build(DynamoDbClient.builder());
        long t0 = System.nanoTime();

        assertThatThrownBy(dynamo::listTables).isInstanceOf(SdkClientException.class);

        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(350L, 2_000L);
    }

    @Test
    void aTimeoutThatIsNotAPositiveNumber_failsNamingTheSetting() {
        assertThatThrownBy(() -> new AwsClients(env(Map.of(CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "15s")))
                .build(DynamoDbClient.builder()))
                .hasMessage("SHIPLANE_AWS_API_CALL_TIMEOUT_MS must be a number of milliseconds, was '15s'");
        assertThatThrownBy(() -> new AwsClients(env(Map.of(CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, "0")))
                .build(DynamoDbClient.builder()))
                .hasMessage("SHIPLANE_AWS_API_CALL_ATTEMPT_TIMEOUT_MS must be positive, was 0");
    }
}
