package dev.shiplane.cli;

import dev.shiplane.aws.AwsClients;
import dev.shiplane.aws.DynamoDbFreezes;
import dev.shiplane.aws.DynamoDbLedger;
import dev.shiplane.aws.LedgerHistoryBackfill;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Target;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.ledger.Ledger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Who the CLI acts as and where: the AWS clients (default credentials and region, or the sandbox's emulator), the
 * operator entry that takes its requests, the ledger it reads and the configuration. Clients are built on first use,
 * so {@code plan} never needs credentials.
 */
final class Operator {

    static final String ENDPOINT_ENV = "SHIPLANE_ENDPOINT";
    static final String LOCAL_ENDPOINT = "http://127.0.0.1:5000";

    private final ShiplaneCli options;
    private AwsClients clients;
    private ShiplaneConfig config;
    private String callerAccount;

    Operator(ShiplaneCli options) {
        this.options = options;
    }

    private AwsClients clients() {
        if (clients != null) return clients;
        var env = options.environment;
        Map<String, String> aws = new HashMap<>();
        copy(env, aws, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                "AWS_DEFAULT_REGION");
        var endpoint = options.endpoint != null ? options.endpoint
                : options.local ? env.getOrDefault(ENDPOINT_ENV, LOCAL_ENDPOINT)
                : env.getOrDefault(ENDPOINT_ENV, env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            aws.put("AWS_ENDPOINT_URL", endpoint);
            aws.putIfAbsent("AWS_REGION", aws.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        }
        if (options.region != null) aws.put("AWS_REGION", options.region);
        return clients = new AwsClients(aws);
    }

    Ledger ledger() {
        return new DynamoDbLedger(clients().build(DynamoDbClient.builder()), table());
    }

    /** The one-off indexing of deployments recorded before the ledger's history index. */
    LedgerHistoryBackfill historyBackfill(java.time.Duration retention) {
        return new LedgerHistoryBackfill(clients().build(DynamoDbClient.builder()), table(), retention);
    }

    /** Ad-hoc freezes, kept in the ledger table. */
    Freezes freezes() {
        return new DynamoDbFreezes(clients().build(DynamoDbClient.builder()), table());
    }

    private String table() {
        return options.table != null ? options.table
                : options.environment.getOrDefault("SHIPLANE_LEDGER_TABLE", "shiplane-ledger");
    }

    /**
     * The operator function's entry, where every operator action goes signed with the caller's credentials: the URL
     * given ({@code --operator-url}, {@value OperatorEntry#URL_ENV}), else the delivery stack's output in the
     * caller's account and region ({@link DeliveryStackEntry}). There is no other way: without an entry the request
     * is not made ({@link NoOperatorEntryException}), since one put on the bus directly would name whoever the CLI
     * claimed to be.
     */
    OperatorEntry entry() {
        var url = options.operatorUrl != null ? options.operatorUrl : options.environment.get(OperatorEntry.URL_ENV);
        if (url == null || url.isBlank()) {
            java.util.Optional<String> published;
            try (var cloudFormation = clients().build(CloudFormationClient.builder())) {
                published = DeliveryStackEntry.operatorUrl(cloudFormation);
            } catch (SdkException e) {
                throw new NoOperatorEntryException(noEntry("reading the stack failed: " + e.getMessage()));
            }
            url = published.orElseThrow(() -> new NoOperatorEntryException(noEntry("no stack "
                    + DeliveryStackEntry.STACK + " with an output " + DeliveryStackEntry.OUTPUT + " in "
                    + clients().region().id())));
        }
        return new OperatorEntry(java.net.URI.create(url), clients().credentials(), clients().region());
    }

    private static String noEntry(String why) {
        return "no operator entry to send the request to (" + why + "). Operator actions go only through the"
                + " operator function, where AWS verifies who asks: give its URL with --operator-url or "
                + OperatorEntry.URL_ENV + ", or run where the " + DeliveryStackEntry.STACK + " stack's "
                + DeliveryStackEntry.OUTPUT + " output can be read (cloudformation:DescribeStacks in its account and"
                + " region)";
    }

    /** The account of the caller's credentials, asked of STS once. */
    String callerAccount() {
        if (callerAccount != null) return callerAccount;
        try (var sts = clients().build(StsClient.builder())) {
            return callerAccount = sts.getCallerIdentity().account();
        }
    }

    ShiplaneConfig config() {
        if (config != null) return config;
        var file = options.config != null ? options.config
                : options.environment.getOrDefault(CommonEnvironment.CONFIG_FILE, "shiplane.yml");
        return config = ConfigLoader.load(Path.of(file));
    }

    /** The target, or {@link UnknownTargetException} naming what exists, before anything is put on the bus. */
    Target target(String env, String service) {
        environment(env);
        return config().target(env, service).orElseThrow(() -> new UnknownTargetException("service '" + service
                + "' does not run in " + env + " (services: " + String.join(", ", config().targetsIn(env).stream()
                .map(Target::serviceName).toList()) + ")"));
    }

    void environment(String env) {
        if (config().environment(env).isEmpty()) {
            throw new UnknownTargetException("no environment '" + env + "' in shiplane.yml (environments: "
                    + String.join(", ", config().environments().stream().map(e -> e.name()).toList()) + ")");
        }
        EnvironmentAccounts.requireCallerIn(config(), env, this::callerAccount);
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... names) {
        for (var name : names) {
            if (from.get(name) != null) to.put(name, from.get(name));
        }
    }
}
