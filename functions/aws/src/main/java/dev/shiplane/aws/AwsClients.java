package dev.shiplane.aws;

import static dev.shiplane.contract.environment.CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS;
import static dev.shiplane.contract.environment.CommonEnvironment.AWS_API_CALL_TIMEOUT_MS;

import dev.shiplane.contract.environment.CommonEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds SDK clients from an environment map, the same way in Lambda, the sandbox and tests.
 *
 * <p>In Lambda the region comes from {@code AWS_REGION} and credentials from the default chain (SnapStart restores
 * credentials through the container endpoint, not environment variables). When {@code AWS_ENDPOINT_URL} points at
 * an emulator, the keys in the map are used as they are, so a sandbox can run several "functions" in one JVM.
 * One URL-connection HTTP client is shared: it starts faster than Apache or Netty and a Lambda makes few calls. It is
 * built with the first client, because building it loads the JDK's TLS stack (key managers, trust store, cipher
 * suites: ~150 ms on a cold JVM), which an event needing no AWS call should not pay.
 * {@code AWS_MAX_ATTEMPTS} in the map, when set, bounds every client's attempts per call (DynamoDB's included).
 *
 * <p>Functions take their clients from {@link #lazy}: a client is built on its first call, so an event that needs
 * one service does not pay for building seven (building a client costs tens of milliseconds of class loading and
 * configuration resolution on a cold JVM). {@link #prime} is for the SnapStart priming hook, before the snapshot:
 * it builds every client, and warms the SDK's whole request path by calling each client's operations once through
 * a twin client whose HTTP client answers locally ({@link PrimingHttpClient}), so a restored function's first call
 * neither loads nor links the SDK's pipeline, and priming calls nothing in AWS.
 *
 * <p>Every call is bounded in time: an attempt that gets no answer within
 * {@value CommonEnvironment#AWS_API_CALL_ATTEMPT_TIMEOUT_MS} (default {@value #DEFAULT_API_CALL_ATTEMPT_TIMEOUT_MS} ms) is abandoned and retried on a new connection, and a
 * call with all its retries gives up after {@value CommonEnvironment#AWS_API_CALL_TIMEOUT_MS} (default
 * {@value #DEFAULT_API_CALL_TIMEOUT_MS} ms). Without them one connection AWS never answers would hold the function
 * until Lambda's own timeout (the URL-connection client's read timeout is 30 s, the deploy function's whole budget),
 * and the failure would surface as a timed-out invocation instead of an error naming the call.
 */
public final class AwsClients {
    public static final long DEFAULT_API_CALL_ATTEMPT_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_API_CALL_TIMEOUT_MS = 15_000;

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);
    private static final AwsCredentialsProvider PRIMING_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private final Map<String, String> env;
    private final Lazy<SdkHttpClient> http = new Lazy<>(() -> UrlConnectionHttpClient.builder().build());
    private final java.util.List<ExecutionInterceptor> interceptors;
    private final List<LazyClient<?, ?>> lazies = new CopyOnWriteArrayList<>();

    public AwsClients(Map<String, String> env) {
        this(env, java.util.List.of());
    }

    /** @param interceptors added to every client (tests count API calls or inject faults with them) */
    public AwsClients(Map<String, String> env, java.util.List<ExecutionInterceptor> interceptors) {
        this.env = Map.copyOf(env);
        this.interceptors = java.util.List.copyOf(interceptors);
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, http.get(), credentials(), interceptors);
    }

    /**
     * The credentials every client signs with: the environment's keys against an emulator, else the SDK's default
     * chain. The CLI signs its requests to the operator function's URL with them too.
     */
    public AwsCredentialsProvider credentials() {
        if (emulatorEndpoint() != null) {
            var key = env.getOrDefault("AWS_ACCESS_KEY_ID", "testing");
            var secret = env.getOrDefault("AWS_SECRET_ACCESS_KEY", "testing");
            var token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null
                    ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
            SdkHttpClient httpClient, AwsCredentialsProvider credentials, List<ExecutionInterceptor> interceptors) {
        builder.httpClient(httpClient).region(region()).credentialsProvider(credentials);
        var endpoint = emulatorEndpoint();
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        var override = ClientOverrideConfiguration.builder().executionInterceptors(interceptors)
                .apiCallAttemptTimeout(millis(AWS_API_CALL_ATTEMPT_TIMEOUT_MS, DEFAULT_API_CALL_ATTEMPT_TIMEOUT_MS))
                .apiCallTimeout(millis(AWS_API_CALL_TIMEOUT_MS, DEFAULT_API_CALL_TIMEOUT_MS));
        var maxAttempts = env.get("AWS_MAX_ATTEMPTS");
        if (maxAttempts != null && !maxAttempts.isBlank()) {
            // DynamoDB's client hard-codes its own default (9 attempts) over AWS_MAX_ATTEMPTS; an explicit
            // strategy makes the setting mean the same for every client.
            override.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy()
                    .toBuilder().maxAttempts(Integer.parseInt(maxAttempts.strip())).build());
        }
        builder.overrideConfiguration(override.build());
        return builder.build();
    }

    /**
     * A client of the given interface that is built (as by {@link #build}) on its first call.
     *
     * @param builder a fresh builder, e.g. {@code EcsClient::builder}; called once for the client, and once more
     *     for its twin if {@link #prime} runs
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C lazy(Class<C> type,
                                                                                        Supplier<B> builder) {
        var client = new Lazy<>(() -> build(builder.get()));
        lazies.add(new LazyClient<>(type, builder, client));
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return method.invoke(client.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /**
     * Readies every {@link #lazy} client before a SnapStart snapshot: builds it, then calls each of its interface's
     * operations once (once per interface), with an empty request, on a twin client that has the same configuration
     * but answers locally and signs with placeholder keys (so priming neither reaches AWS nor looks up credentials).
     * Best effort: nothing it meets is thrown (a failed priming must not fail the publication of a version); what was
     * refused is logged, and a client whose priming failed is left to its first call.
     *
     * @return the operations the twins answered, as {@code Service.operation} (what got warmed)
     */
    public List<String> prime() {
        var answered = new ArrayList<String>();
        var refused = new ArrayList<String>();
        var warmed = new HashSet<Class<?>>();
        for (var client : lazies) {
            if (!warmed.add(client.type())) {
                client.buildQuietly();
                continue;
            }
            var outcome = client.prime(this);
            answered.addAll(outcome.answered());
            refused.addAll(outcome.refused());
        }
        if (refused.isEmpty()) {
            LOG.info("SnapStart priming: {} SDK clients built, {} operations warmed, 0 refused", lazies.size(),
                    answered.size());
        } else {
            LOG.warn("SnapStart priming: {} SDK clients built, {} operations warmed, {} refused: {}", lazies.size(),
                    answered.size(), refused.size(), refused);
        }
        return List.copyOf(answered);
    }

    /** How many {@link #lazy} clients have been built (the cold-start tests assert an event builds only its own). */
    public long builtCount() {
        return lazies.stream().filter(c -> c.built().built()).count();
    }

    private record LazyClient<B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C>(
            Class<C> type, Supplier<B> builder, Lazy<C> built) {

        /** Builds the real client and warms its operations through a twin; as {@code Service.operation} names. */
        OperationPriming.Outcome prime(AwsClients clients) {
            var service = type.getSimpleName().replace("Client", "");
            try {
                built.get();
                var twin = clients.build(builder.get(), PrimingHttpClient.INSTANCE, PRIMING_CREDENTIALS, List.of());
                try {
                    var outcome = OperationPriming.callEveryOperation(type, twin);
                    return new OperationPriming.Outcome(named(service, outcome.answered()),
                            named(service, outcome.refused()));
                } finally {
                    ((SdkAutoCloseable) twin).close();
                }
            } catch (RuntimeException | LinkageError failure) {
                return new OperationPriming.Outcome(List.of(), List.of(service + ".* (" + failure + ")"));
            }
        }

        void buildQuietly() {
            try {
                built.get();
            } catch (RuntimeException | LinkageError failure) {
                // its first call will meet the same failure and report it
            }
        }

        private static List<String> named(String service, List<String> operations) {
            return operations.stream().map(operation -> service + "." + operation).toList();
        }
    }

    /** {@code AWS_ENDPOINT_URL} when it points the clients at an emulator, else null (AWS itself). */
    private String emulatorEndpoint() {
        var endpoint = env.get("AWS_ENDPOINT_URL");
        return endpoint == null || endpoint.isBlank() ? null : endpoint;
    }

    private java.time.Duration millis(String name, long fallback) {
        var value = env.get(name);
        long ms;
        try {
            ms = value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a number of milliseconds, was '" + value + "'");
        }
        if (ms < 1) throw new IllegalStateException(name + " must be positive, was " + ms);
        return java.time.Duration.ofMillis(ms);
    }

    public Region region() {
        var region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        return Region.of(region);
    }

    /** A required setting, failing with its name when absent (misconfigured stacks fail on the first event). */
    public String required(String name) {
        var value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
