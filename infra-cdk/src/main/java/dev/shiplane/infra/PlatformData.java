package dev.shiplane.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsFromUsernameOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The platform's data stores, in the VPC's isolated subnets and reachable only from the tasks' security group:
 * PostgreSQL 15 on RDS (encrypted, IAM authentication on, logs to CloudWatch; multi-AZ and deletion protection as
 * the environment's platform block says) whose master credentials are generated into Secrets Manager, and a Redis
 * replication group (encrypted at rest and in transit, an AUTH token generated into Secrets Manager; automatic
 * failover across AZs when it has a replica).
 */
final class PlatformData extends Construct {

    static final int REDIS_PORT = 6379;
    /**
     * A full minor version: RDS no longer creates instances from the bare major version "15". Minor upgrades are
     * applied by RDS in the maintenance window (autoMinorVersionUpgrade); CloudFormation keeps the version it set.
     */
    static final PostgresEngineVersion POSTGRES_VERSION = PostgresEngineVersion.VER_15_17;

    private final DatabaseInstance database;
    private final CfnReplicationGroup redis;
    private final Secret redisAuthToken;

    /** @param clients the tasks' security group, the only one let in */
    PlatformData(Construct scope, String id, String cluster, PlatformSpec platform, Vpc vpc, ISecurityGroup clients) {
        super(scope, id);
        var isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
        var db = platform.database();
        database = DatabaseInstance.Builder.create(this, "Postgres")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                        .version(POSTGRES_VERSION).build()))
                .instanceType(new InstanceType(db.instanceClass()))
                .vpc(vpc)
                .vpcSubnets(isolated)
                .credentials(Credentials.fromGeneratedSecret("postgres", CredentialsFromUsernameOptions.builder()
                        .secretName(cluster + "/db-master").build()))
                .allocatedStorage(db.storageGb())
                .storageType(StorageType.GP3)
                .storageEncrypted(true)
                .multiAz(db.multiAz())
                .deletionProtection(db.deletionProtection())
                .backupRetention(Duration.days(db.backupDays()))
                .iamAuthentication(true)
                .cloudwatchLogsExports(List.of("postgresql"))
                .publiclyAccessible(false)
                .autoMinorVersionUpgrade(true)
                // A protected database is kept whatever happens to the stack; otherwise a final snapshot is taken.
                .removalPolicy(db.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.SNAPSHOT)
                .build();
        database.getConnections().allowDefaultPortFrom(clients, "tasks of the platform's services");
        var postgresSuppressions = new java.util.ArrayList<>(List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-RDS11")
                        .reason("PostgreSQL keeps its default port 5432: the instance is in isolated subnets and its"
                                + " security group admits only the platform's tasks, so another port hides nothing")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-SMG4")
                        .reason("The master user's secret is not rotated on a schedule: shiplane's postgres rotation"
                                + " (shiplane.yml rotation) uses it to alternate the application users, and operators"
                                + " rotate it by hand in a maintenance window")
                        .build()));
        if (!db.multiAz()) {
            postgresSuppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-RDS3")
                    .reason("Single-AZ by this environment's platform block (database.multiAz: false), as the seed"
                            + " sizes staging; production sets multiAz: true")
                    .build());
        }
        if (!db.deletionProtection()) {
            postgresSuppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-RDS10")
                    .reason("No deletion protection by this environment's platform block"
                            + " (database.deletionProtection: false) so a throwaway environment can be torn down;"
                            + " production sets it, and a final snapshot is taken either way")
                    .build());
        }
        NagSuppressions.addResourceSuppressions(database, postgresSuppressions, true);

        redisAuthToken = Secret.Builder.create(this, "RedisAuthToken")
                .secretName(cluster + "/redis-auth-token")
                .description("shiplane platform: the AUTH token of " + cluster + "'s Redis")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        // Redis AUTH tokens take printable ASCII except @, " and /; letters and digits are safe.
                        .excludePunctuation(true)
                        .build())
                .build();
        NagSuppressions.addResourceSuppressions(redisAuthToken, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason("ElastiCache takes a new AUTH token only through ModifyReplicationGroup with the ROTATE"
                        + " strategy, which no Secrets Manager rotation function in this template performs; operators"
                        + " rotate it with that call")
                .build()));
        var redisSecurityGroup = SecurityGroup.Builder.create(this, "RedisSecurityGroup")
                .vpc(vpc)
                .description("Redis of " + cluster + " - reachable from the platform tasks only")
                .allowAllOutbound(false)
                .build();
        redisSecurityGroup.addIngressRule(clients, Port.tcp(REDIS_PORT), "tasks of the platform's services");
        var subnets = CfnSubnetGroup.Builder.create(this, "RedisSubnets")
                .description("isolated subnets of " + cluster)
                .subnetIds(vpc.selectSubnets(isolated).getSubnetIds())
                .build();
        var cache = platform.cache();
        boolean replicated = cache.nodes() > 1;
        redis = CfnReplicationGroup.Builder.create(this, "Redis")
                .replicationGroupDescription("shiplane platform: Redis of " + cluster)
                .engine("redis")
                .engineVersion("7.1")
                .cacheNodeType(cache.nodeType())
                .numCacheClusters(cache.nodes())
                .automaticFailoverEnabled(replicated)
                .multiAzEnabled(replicated)
                .atRestEncryptionEnabled(true)
                .transitEncryptionEnabled(true)
                // A dynamic reference: CloudFormation resolves it at deploy time, the template holds no token.
                .authToken(redisAuthToken.getSecretValue().unsafeUnwrap())
                .cacheSubnetGroupName(subnets.getRef())
                .securityGroupIds(List.of(redisSecurityGroup.getSecurityGroupId()))
                .port(REDIS_PORT)
                .snapshotRetentionLimit(replicated ? 7 : 1)
                .build();
        var redisSuppressions = new java.util.ArrayList<>(List.of(NagPackSuppression.builder()
                .id("AwsSolutions-AEC5")
                .reason("Redis keeps its default port 6379: it is in isolated subnets behind a security group that"
                        + " admits only the platform's tasks, and clients need TLS and the AUTH token anyway")
                .build()));
        if (!replicated) {
            redisSuppressions.add(NagPackSuppression.builder()
                    .id("AwsSolutions-AEC4")
                    .reason("One node without a replica by this environment's platform block (cache.nodes: 1), as"
                            + " the seed sizes staging; production runs 2 nodes with automatic failover across AZs")
                    .build());
        }
        NagSuppressions.addResourceSuppressions(redis, redisSuppressions);
    }

    DatabaseInstance database() {
        return database;
    }

    CfnReplicationGroup redis() {
        return redis;
    }

    ISecret redisAuthToken() {
        return redisAuthToken;
    }
}
