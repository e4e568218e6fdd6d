package dev.shiplane.infra;

import static dev.shiplane.infra.TemplateShapes.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The ServiceInfra stacks of the repository's shiplane.yml: api runs as two colours, docs rolls (web is either,
 * whichever engine the file gives it: the native service's own tests use a config of their own); staging is sized
 * small and unprotected, prod multi-AZ and protected.
 */
class ServicePlatformTest {

    private static Template staging;
    private static Template prod;

    @BeforeAll
    static void synth() {
        staging = SynthesizedApp.get().template(ServiceInfraStack.nameFor("staging"));
        prod = SynthesizedApp.get().template(ServiceInfraStack.nameFor("prod"));
    }

    @Test
    void stack_isBoundToTheCertificatesAccountAndRegion() {
        var stack = SynthesizedApp.get().stack(ServiceInfraStack.nameFor("staging"));

        assertThat(stack.getAccount()).isEqualTo("123456789012");
        assertThat(stack.getRegion()).isEqualTo("us-east-1");
    }

    @Test
    void vpc_spansTheRegionsFirstThreeAzs_withOneNatInStaging_andOnePerAzInProd() {
        staging.hasResourceProperties("AWS::EC2::Subnet", Map.of("AvailabilityZone",
                Map.of("Fn::Select", List.of(2, Map.of("Fn::GetAZs", "")))));
        staging.resourceCountIs("AWS::EC2::Subnet", 9);
        staging.resourceCountIs("AWS::EC2::NatGateway", 1);
        prod.resourceCountIs("AWS::EC2::NatGateway", 3);
        staging.resourceCountIs("AWS::EC2::FlowLog", 1);
    }

    @Test
    void cluster_isNamedAsTheEnvironmentsCluster_withContainerInsights() {
        staging.hasResourceProperties("AWS::ECS::Cluster", Map.of(
                "ClusterName", "monynha-staging",
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
        prod.hasResourceProperties("AWS::ECS::Cluster", Map.of("ClusterName", "monynha-prod"));
    }

    @Test
    void loadBalancer_servesHttpsWithTheConfiguredCertificate_andRedirectsHttp() {
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443,
                "Protocol", "HTTPS",
                "Certificates", List.of(Map.of("CertificateArn",
                        "arn:aws:acm:us-east-1:123456789012:certificate/0f6c2b1e-3d4a-4b5c-8e9f-a1b2c3d4e5f6")),
                "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "fixed-response")))));
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80,
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect")))));
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internet-facing",
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"),
                        Map.of("Key", "access_logs.s3.enabled", "Value", "true")))));
    }

    @Test
    void canaryService_hasBlueAndGreenTargetGroups_underTheNamesShiplaneLooksUp() {
        for (var colour : List.of("blue", "green")) {
            staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                    "Name", "monynha-staging-api-" + colour,
                    "TargetType", "ip",
                    "Port", 8080,
                    "HealthCheckPath", "/health"));
        }
    }

    @Test
    void canaryService_isOneRuleForwardingToBothColours_weighted100To0() {
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Conditions", List.of(Map.of("Field", "path-pattern", "PathPatternConfig",
                        Map.of("Values", List.of("/api/*")))),
                "Actions", List.of(Map.of("Type", "forward", "ForwardConfig", Map.of("TargetGroups", List.of(
                        Map.of("TargetGroupArn", ref("PlatformapiBlueTargetGroup"), "Weight", 100),
                        Map.of("TargetGroupArn", ref("PlatformapiGreenTargetGroup"), "Weight", 0)))))));
    }

    @Test
    void catchAllPath_getsTheLastPriority_afterSpecificPaths() {
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Priority", ServicePlatform.CATCH_ALL_PRIORITY,
                "Conditions", List.of(Map.of("Field", "path-pattern", "PathPatternConfig",
                        Map.of("Values", List.of("/*"))))));
        staging.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Priority", ServicePlatform.FIRST_PRIORITY,
                "Conditions", List.of(Map.of("Field", "path-pattern", "PathPatternConfig",
                        Map.of("Values", List.of("/api/*"))))));
    }

    @Test
    void twoColourService_runsBlueAndGreen_withoutADesiredCount_withTheCircuitBreakerOn() {
        staging.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "api-blue",
                "DesiredCount", Match.absent(),
                "LaunchType", "FARGATE",
                "DeploymentController", Map.of("Type", "ECS"),
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))),
                "LoadBalancers", List.of(Map.of("ContainerName", "api", "ContainerPort", 8080,
                        "TargetGroupArn", ref("PlatformapiBlueTargetGroup")))));
        staging.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "api-green",
                "DesiredCount", Match.absent(),
                "LoadBalancers", List.of(Match.objectLike(Map.of(
                        "TargetGroupArn", ref("PlatformapiGreenTargetGroup"))))));
        prod.resourcePropertiesCountIs("AWS::ECS::Service", Map.of("DesiredCount", Match.anyValue()), 0);
    }

    @Test
    void rollingService_isOneServiceUnderItsOwnName_sizedByItsScalableTarget() {
        staging.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", "docs", "DesiredCount", Match.absent()));
        staging.resourceCountIs("AWS::ECS::Service", 4); // web (one service on ECS's engine), api's two colours, docs
        prod.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
                "ScalableDimension", "ecs:service:DesiredCount",
                "ResourceId", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^PlatformdocsService"), "Name")))))),
                "MinCapacity", 2,
                "MaxCapacity", 2));
    }

    @Test
    void servicesRunTheBootstrapTaskDefinition_atFargatesSmallestSize_fromTheServicesEcrRepository() {
        var image = Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of("/monynha/web:bootstrap")))));
        var container = Map.of(
                "Name", "web",
                "Image", Match.objectLike(image),
                "Secrets", List.of(Match.objectLike(Map.of("Name", "REDIS_AUTH_TOKEN"))));
        prod.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "monynha-prod-web",
                "Cpu", "256",
                "Memory", "512",
                "ContainerDefinitions", List.of(Match.objectLike(container))));
        prod.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", "api-blue", "TaskDefinition", ref("PlatformapiTaskDefinition")));
    }

    @Test
    void settingsTaskDefinition_isSizedByEnvironment_underTheFamilyTheDeployFunctionReads() {
        staging.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "shiplane-settings-staging-web", "Cpu", "256", "Memory", "512"));
        prod.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "shiplane-settings-prod-web",
                "Cpu", "1024",
                "Memory", "2048",
                "ContainerDefinitions", List.of(Match.objectLike(Map.of("Name", "web",
                        "Image", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(
                                List.of("/monynha/web:bootstrap"))))))))),
                "TaskRoleArn", Match.anyValue()));
        prod.resourcePropertiesCountIs("AWS::ECS::Service", Map.of(
                "TaskDefinition", ref("PlatformwebSettingsTaskDefinition")), 0);
    }

    @Test
    void taskAndExecutionRoles_keepCloudFormationsNames_soAnUpdateNeverReplacesThem() {
        // Named roles would be replaced (IAM cannot rename), and with them the task definitions naming them: the
        // delivery stack may pass this stack's roles by its name prefix instead (DeploymentScope.passableRole).
        var taskRoles = prod.findResources("AWS::IAM::Role").entrySet().stream()
                .filter(role -> role.getKey().matches("Platform\\w+Task(Execution)?Role\\w*")).toList();
        assertThat(taskRoles).as("every service's task and execution role").hasSize(6);
        assertThat(taskRoles).allSatisfy(role -> assertThat(String.valueOf(role.getValue().get("Properties")))
                .doesNotContain("RoleName"));
        prod.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "Family", "shiplane-settings-prod-web",
                "TaskRoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^PlatformwebTaskRole"), "Arn")),
                "ExecutionRoleArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("^PlatformwebTaskExecutionRole"), "Arn"))));
    }

    @Test
    void logGroups_areNamedPerService_withTheEnvironmentsRetention() {
        staging.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/ecs/monynha-staging/web", "RetentionInDays", 14));
        prod.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/ecs/monynha-prod/web", "RetentionInDays", 90));
    }

    @Test
    void database_isPostgres15_encrypted_singleAzAndUnprotectedInStaging() {
        staging.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "Engine", "postgres",
                "EngineVersion", Match.stringLikeRegexp("^15\\."),
                "DBInstanceClass", "db.t4g.micro",
                "StorageEncrypted", true,
                "MultiAZ", false,
                "DeletionProtection", false,
                "PubliclyAccessible", false,
                "EnableIAMDatabaseAuthentication", true,
                "MasterUserPassword", Match.objectLike(Map.of("Fn::Join", Match.anyValue()))));
        staging.hasResource("AWS::RDS::DBInstance", Map.of("DeletionPolicy", "Snapshot"));
    }

    @Test
    void database_isMultiAzProtectedAndRetainedInProd() {
        prod.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "DBInstanceClass", "db.r6g.large",
                "MultiAZ", true,
                "DeletionProtection", true,
                "BackupRetentionPeriod", 14));
        prod.hasResource("AWS::RDS::DBInstance", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void databaseCredentials_areGeneratedIntoSecretsManager_neverInTheTemplate() {
        staging.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "monynha-staging/db-master",
                "GenerateSecretString", Match.objectLike(Map.of("SecretStringTemplate", "{\"username\":\"postgres\"}")),
                "SecretString", Match.absent()));
    }

    @Test
    void redis_isEncryptedAtRestAndInTransit_withAnAuthTokenResolvedFromSecretsManager() {
        staging.hasResourceProperties("AWS::ElastiCache::ReplicationGroup", Map.of(
                "Engine", "redis",
                "AtRestEncryptionEnabled", true,
                "TransitEncryptionEnabled", true,
                "NumCacheClusters", 1,
                "AutomaticFailoverEnabled", false,
                "AuthToken", Map.of("Fn::Join", List.of("", List.of("{{resolve:secretsmanager:",
                        ref("PlatformDataRedisAuthToken"), ":SecretString:::}}")))));
        prod.hasResourceProperties("AWS::ElastiCache::ReplicationGroup", Map.of(
                "CacheNodeType", "cache.r6g.large",
                "NumCacheClusters", 2,
                "AutomaticFailoverEnabled", true,
                "MultiAZEnabled", true));
    }

    @Test
    void cloudFront_reachesTheOriginByItsDomain_overTls12Only_andLogs() {
        staging.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
                "Origins", List.of(Match.objectLike(Map.of(
                        "DomainName", "origin.staging.monynha.dev",
                        "CustomOriginConfig", Map.of("OriginProtocolPolicy", "https-only",
                                "OriginSSLProtocols", List.of("TLSv1.2"))))),
                "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https")),
                "Logging", Match.objectLike(Map.of("Prefix", "cloudfront/")))));
    }

    @Test
    void gateAlarms_areNamedAsShiplaneYmlResolvesThem_andWatchBothColours() {
        staging.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "staging-web-5xx",
                "Threshold", 5,
                "TreatMissingData", "notBreaching",
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "e0")), Match.objectLike(Map.of("Id", "r0")),
                        Match.objectLike(Map.of("Id", "e1")), Match.objectLike(Map.of("Id", "r1"))))));
        staging.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "staging-api-p99-latency", "Threshold", GateAlarms.P99_SECONDS));
        staging.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "staging-docs-unhealthy-hosts", "Threshold", 1,
                "MetricName", "UnHealthyHostCount", "Statistic", "Maximum"));
        prod.hasResourceProperties("AWS::CloudWatch::CompositeAlarm", Map.of("AlarmName", "prod-web-health"));
    }

    @Test
    void dashboard_showsEcsCpuAndMemory_andTheLoadBalancersRequestsAnd5xxAnd4xx() {
        for (var title : List.of("ECS CPU utilization", "ECS memory utilization", "ALB requests", "ALB target 5xx",
                "ALB target 4xx", "Gate alarms")) {
            staging.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of(
                    "DashboardName", "monynha-staging-platform",
                    "DashboardBody", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                            Match.stringLikeRegexp("\"title\":\"" + title)))))));
        }
    }

    @Test
    void accessLogs_goToAnEncryptedBucket_thatRefusesPlainHttp() {
        staging.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Match.objectLike(Map.of("BlockPublicAcls", true))));
        staging.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }
}
