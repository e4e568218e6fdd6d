package dev.shiplane.sandbox;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.testkit.TestAws;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * The world the story runs in, mirroring the seed: an ECS cluster per environment with every configured service,
 * the ECR repositories, and everything the synthesized template declares (bus, ledger table, rules), with each
 * function's rule targets replaced by an SQS queue the dispatcher serves.
 */
final class SandboxWorld {

    static final String TAP_RULE = "sandbox-timeline";

    private SandboxWorld() {}

    /** @param functionUrls the functions reached over HTTPS (Function URLs), with GitHub's part played */
    record Provisioned(Dispatcher dispatcher, dev.shiplane.testkit.BusTap timeline, int rules, int functions,
                       FunctionUrlRequests functionUrls) {}

    /**
     * @param gitHubApi GitHub's API for the webhook's tag lookups, or {@code null}: no lookups
     * @param clock     the functions' clock
     */
    static Provisioned provision(TestAws aws, ShiplaneConfig config, CloudTemplate template, Path configFile,
                                 PrintStream functionLog, FunctionCredentials credentials, java.net.URI gitHubApi,
                                 java.time.Clock clock) {
        return provision(aws, config, env -> true, template.account(), template, configFile, functionLog, credentials, gitHubApi,
                clock);
    }

    /**
     * The world of one account.
     *
     * @param inAccount    the environments whose clusters live in this account
     * @param registryId    the account holding the story's ECR repositories: in another account, AWS serves them to
     *                      calls naming that registry, which moto cannot; the sandbox keeps a copy under that registry
     *                      id in this account (AWS's part)
     */
    static Provisioned provision(TestAws aws, ShiplaneConfig config, java.util.function.Predicate<String> inAccount,
                                 String registryId, CloudTemplate template, Path configFile,
                                 PrintStream functionLog, FunctionCredentials credentials, java.net.URI gitHubApi,
                                 java.time.Clock clock) {
        for (var env : config.environments()) {
            if (!inAccount.test(env.name())) continue;
            for (var service : config.services()) {
                // Progressive services run as two colours behind a load balancer: ProgressiveWorld builds those.
                if (service.environments().contains(env.name()) && !service.twoColours()) {
                    aws.ecsService(env.cluster(), service.ecsService(), service.container(),
                            "monynha/" + service.name() + ":1.0.0");
                }
            }
        }
        var ecr = aws.build(software.amazon.awssdk.services.ecr.EcrClient.builder());
        config.services().stream().flatMap(s -> s.repositories().stream()).filter(r -> !r.startsWith("ghcr.io/"))
                .distinct().forEach(repository -> ecr.createRepository(r -> r.repositoryName(repository)
                        .registryId(registryId)));

        var bus = template.eventBusName();
        aws.createBus(bus);
        aws.createLedgerTable(template.ledgerTableName());

        var dispatcher = new Dispatcher(aws, bus, template.account());
        var hosts = new HashMap<String, String>();
        List<CloudTemplate.Rule> rules = template.rules();
        for (var rule : rules) {
            var queueUrl = hosts.computeIfAbsent(rule.functionLogicalId(), fn -> {
                var url = aws.sqs().createQueue(r -> r.queueName(fn)).queueUrl();
                var function = template.function(fn);
                var env = new HashMap<>(function.environment());
                env.put("SHIPLANE_CONFIG_FILE", configFile.toString());
                dispatcher.serve(url, FunctionHost.start(function, aws.environment(env), credentials,
                        functionLog, clock));
                return url;
            });
            var queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            aws.events().putRule(r -> r.name(rule.logicalId()).eventBusName(rule.bus()).eventPattern(rule.pattern())
                    .scheduleExpression(rule.schedule()));
            if (rule.schedule() != null) {
                // moto matches every event on the bus against a rule without a pattern, so a schedule rule gets no
                // target there: the dispatcher delivers its Scheduled Events itself.
                dispatcher.fireOnSchedule(rule.logicalId(), queueUrl);
                continue;
            }
            aws.events().putTargets(r -> r.rule(rule.logicalId()).eventBusName(rule.bus())
                    .targets(t -> t.id(rule.functionLogicalId()).arn(queueArn)));
        }
        var timeline = aws.tap(bus, TAP_RULE, "{\"source\":[\"shiplane\"]}");
        var functionUrls = FunctionUrlRequests.provision(aws, template, configFile, functionLog, credentials,
                gitHubApi, clock);
        return new Provisioned(dispatcher, timeline, rules.size(), hosts.size() + functionUrls.functions(),
                functionUrls);
    }
}
