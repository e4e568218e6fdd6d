package dev.shiplane.testkit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** SDK clients pointed at the emulator, and the few resources every test world needs. */
public final class TestAws {

    private final AwsEmulator emulator;
    private final AwsCredentials credentials;
    private EcsClient ecs;
    private DynamoDbClient dynamo;
    private EventBridgeClient events;
    private SqsClient sqs;

    public TestAws(AwsEmulator emulator) {
        this(emulator, null);
    }

    private TestAws(AwsEmulator emulator, AwsCredentials credentials) {
        this.emulator = emulator;
        this.credentials = credentials;
    }

    /**
     * The same emulator, acting in another AWS account: credentials from {@code sts:AssumeRole} of a role in
     * {@code account}, which the emulator keeps apart from the default account by their access key (as AWS keeps
     * accounts apart). Functions built from its {@link #environment} act in that account too.
     */
    public TestAws inAccount(String account) {
        var role = "arn:aws:iam::" + account + ":role/shiplane-test";
        try (var sts = build(StsClient.builder())) {
            var assumed = sts.assumeRole(r -> r.roleArn(role).roleSessionName("shiplane-test")).credentials();
            return new TestAws(emulator, AwsSessionCredentials.create(assumed.accessKeyId(),
                    assumed.secretAccessKey(), assumed.sessionToken()));
        }
    }

    public AwsEmulator emulator() {
        return emulator;
    }

    /** The environment a shiplane function would see, plus {@code extra}. */
    public Map<String, String> environment(Map<String, String> extra) {
        var env = new java.util.HashMap<>(emulator.environment());
        if (credentials != null) {
            env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) env.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        env.putAll(extra);
        return Map.copyOf(env);
    }

    public synchronized EcsClient ecs() {
        return ecs == null ? ecs = build(EcsClient.builder()) : ecs;
    }

    public synchronized DynamoDbClient dynamo() {
        return dynamo == null ? dynamo = build(DynamoDbClient.builder()) : dynamo;
    }

    public synchronized EventBridgeClient events() {
        return events == null ? events = build(EventBridgeClient.builder()) : events;
    }

    public synchronized SqsClient sqs() {
        return sqs == null ? sqs = build(SqsClient.builder()) : sqs;
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.endpointOverride(URI.create(emulator.endpoint()))
                .region(Region.of(AwsEmulator.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(credentials()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * The harness's own identity: the emulator's (an administrator where the emulator enforces IAM), with its session
     * token when it is an assumed role (moto places such a session in the account of the role it assumed).
     */
    private AwsCredentials credentials() {
        if (credentials != null) return credentials;
        var env = emulator.environment();
        var token = env.get("AWS_SESSION_TOKEN");
        return token == null
                ? AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))
                : AwsSessionCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), token);
    }

    /**
     * The ledger table, with the keys the CDK stack declares ({@code pk}/{@code sk}, on-demand) and its history index
     * ({@code history}: {@code pk}/{@code historyAt}, every attribute projected).
     */
    public void createLedgerTable(String name) {
        dynamo().createTable(r -> r.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("historyAt").attributeType(ScalarAttributeType.S)
                                .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("history")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("historyAt").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    public String createBus(String name) {
        return events().createEventBus(r -> r.name(name)).eventBusArn();
    }

    /** A queue receiving every event on {@code bus} that matches {@code pattern}. */
    public BusTap tap(String bus, String name, String pattern) {
        return BusTap.create(this, bus, name, pattern);
    }

    /**
     * An ECS service like the seed's: a Fargate task definition with environment, secrets and logging that a
     * deployment must carry over untouched.
     *
     * @return the task definition ARN the service runs
     */
    public String ecsService(String cluster, String service, String container, String image) {
        if (ecs().describeClusters(r -> r.clusters(cluster)).clusters().isEmpty()) {
            ecs().createCluster(r -> r.clusterName(cluster));
        }
        var definition = ContainerDefinition.builder()
                .name(container)
                .image(image)
                .essential(true)
                .cpu(256)
                .memory(512)
                .environment(KeyValuePair.builder().name("NODE_ENV").value("production").build())
                .secrets(Secret.builder().name("DATABASE_URL")
                        .valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:monynha/db-password").build())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                        .options(Map.of("awslogs-group", "/ecs/" + cluster + "/" + service,
                                "awslogs-region", AwsEmulator.REGION, "awslogs-stream-prefix", service)).build())
                .build();
        var td = ecs().registerTaskDefinition(r -> r.family(cluster + "-" + service)
                .taskRoleArn("arn:aws:iam::123456789012:role/" + service + "-task")
                .executionRoleArn("arn:aws:iam::123456789012:role/" + service + "-execution")
                .networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE)
                .cpu("256").memory("512")
                .containerDefinitions(List.of(definition))).taskDefinition().taskDefinitionArn();
        ecs().createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(td).desiredCount(2));
        return td;
    }
}
