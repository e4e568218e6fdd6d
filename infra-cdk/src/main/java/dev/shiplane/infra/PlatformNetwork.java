package dev.shiplane.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The platform's network and front door: a VPC over three AZs (public subnets for the load balancer and NAT,
 * private ones for tasks, isolated ones for the data stores) with flow logs, an internet-facing ALB whose HTTPS
 * listener answers 404 unless a service's rule matches, HTTP redirected to HTTPS, and a CloudFront distribution
 * in front of it. The ALB and CloudFront write access logs to one bucket.
 */
final class PlatformNetwork extends Construct {

    private final Vpc vpc;
    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationListener https;
    private final Distribution distribution;
    private final Bucket accessLogs;

    PlatformNetwork(Construct scope, String id, PlatformSpec platform, List<String> availabilityZones) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr("10.0.0.0/16"))
                .availabilityZones(availabilityZones)
                .natGateways(platform.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        // Tasks: /20 leaves room for thousands of awsvpc ENIs per AZ.
                        SubnetConfiguration.builder().name("tasks").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(20).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(24).build()))
                .build();
        var flowLogs = LogGroup.Builder.create(this, "FlowLogs").retention(RetentionDays.ONE_MONTH).build();
        vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                .trafficType(FlowLogTrafficType.REJECT)
                .build());

        // SSE-S3: ALB access logs support no other encryption. Object ownership "bucket owner preferred" keeps
        // ACLs available, which CloudFront's standard logs still need.
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This bucket receives the load balancer's and CloudFront's access logs; logging access to"
                        + " it would need a further bucket, and that one another")
                .build()));

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .internetFacing(true)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .dropInvalidHeaderFields(true)
                .build();
        loadBalancer.logAccessLogs(accessLogs, "alb");
        https = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                .port(443)
                .protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(ListenerCertificate.fromArn(platform.certificateArn())))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                // Unknown paths end here: each service adds its own rule (ServicePlatform).
                .defaultAction(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("text/plain").messageBody("not found").build()))
                .open(true)
                .build());
        loadBalancer.addRedirect();
        NagSuppressions.addResourceSuppressions(loadBalancer, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-EC23")
                .reason("The public load balancer's security group admits ports 443 and 80 (a redirect to 443) from"
                        + " anywhere: it is the platform's entry point, for CloudFront and direct clients alike")
                .build()), true);

        // The origin is reached by the certificate's name over TLS 1.2; the viewer's Host header is not forwarded
        // because CloudFront checks the origin's certificate against the Host it sends.
        distribution = Distribution.Builder.create(this, "Cdn")
                .comment("shiplane platform: " + platform.domain())
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(HttpOrigin.Builder.create(platform.domain())
                                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                                .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                                .build())
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_ALL)
                        // The services are dynamic: nothing is cached unless they say so in a later behaviour.
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .build())
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(accessLogs)
                .logFilePrefix("cloudfront/")
                .build();
        NagSuppressions.addResourceSuppressions(distribution, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-CFR4")
                        .reason("Viewers get CloudFront's default *.cloudfront.net certificate, whose TLS floor"
                                + " CloudFront fixes; a custom domain with its own us-east-1 certificate is the"
                                + " account owner's step (docs/DEPLOYING.md)")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-CFR1")
                        .reason("The services are public and worldwide: no country is blocked")
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-CFR2")
                        .reason("No WAF web ACL in this template: its rules and price are the account owner's choice,"
                                + " attached to the distribution afterwards")
                        .build()));
    }

    Vpc vpc() {
        return vpc;
    }

    /**
     * The NAT gateways' public addresses as /32 CIDRs: what the load balancer sees as the source of requests made
     * from the VPC's private subnets (the checks function's), since it is reached by its public name.
     */
    List<String> natSourceCidrs() {
        List<String> cidrs = new java.util.ArrayList<>();
        for (var subnet : vpc.getPublicSubnets()) {
            var eip = subnet.getNode().tryFindChild("EIP");
            if (eip instanceof software.amazon.awscdk.services.ec2.CfnEIP address) {
                cidrs.add(software.amazon.awscdk.Fn.join("", List.of(address.getAttrPublicIp(), "/32")));
            }
        }
        return cidrs;
    }

    ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }

    ApplicationListener https() {
        return https;
    }

    Distribution distribution() {
        return distribution;
    }

    /** The bucket of the load balancer's and CloudFront's access logs; other buckets' server access logs go here. */
    Bucket accessLogs() {
        return accessLogs;
    }
}
