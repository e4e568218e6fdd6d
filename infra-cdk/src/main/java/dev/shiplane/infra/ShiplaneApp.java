package dev.shiplane.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app. {@code cdk synth} (see {@code cdk.json}) runs {@link #main}; the sandbox calls {@link #synth} and
 * reads {@code <outdir>/ShiplaneDelivery.template.json}.
 *
 * <p>The stack is environment-agnostic: every ARN is built from {@code AWS::Partition}, {@code AWS::Region} and
 * {@code AWS::AccountId}, so one template deploys to any account, and synth needs no AWS credentials.
 */
public final class ShiplaneApp {

    /** CDK context key ({@code cdk synth -c env=staging}) limiting the stack to one environment of shiplane.yml. */
    public static final String ENV_CONTEXT = "env";
    /**
     * CDK context key naming a Secrets Manager secret you created that holds a GitHub token with
     * {@code read:packages} ({@code cdk deploy -c githubTokenSecret=shiplane/github-token}): the webhook then reads
     * the tags of a delivered version whose tag no environment admits. Default: none.
     */
    public static final String GITHUB_TOKEN_SECRET_CONTEXT = "githubTokenSecret";
    /** CDK context key: GitHub's REST API for GitHub Enterprise Server ({@code https://HOST/api/v3}). */
    public static final String GITHUB_API_URL_CONTEXT = "githubApiUrl";
    /**
     * CDK context key: how many days after its creation a deployment's ledger item expires
     * ({@code cdk deploy -c ledgerRetentionDays=800}). Default: {@value DeliveryCoreProps#DEFAULT_LEDGER_RETENTION_DAYS}.
     */
    public static final String LEDGER_RETENTION_DAYS_CONTEXT = "ledgerRetentionDays";
    /** The file {@link #synth} writes the stack's template to, inside its outdir. */
    public static final String TEMPLATE_FILE = ShiplaneDeliveryStack.STACK_NAME + ".template.json";

    private ShiplaneApp() {}

    public static void main(String[] args) {
        var layout = RepositoryLayout.locate();
        var app = new App();
        var env = Optional.ofNullable(app.getNode().tryGetContext(ENV_CONTEXT)).map(Object::toString);
        composeAll(app, layout.configFile(), env, layout);
        app.synth();
    }

    /**
     * The delivery stacks (one per account shiplane.yml names, or the one) and the platforms, each delivery stack
     * deployed after each platform of its account whose environment runs health checks: its checks function reads
     * that platform's subnets and security group from SSM parameters the platform writes, when CloudFormation
     * deploys it; and a {@link ShiplaneRegistryStack} for each account holding repositories but no environment.
     */
    static List<software.amazon.awscdk.Stack> composeAll(App app, Path configFile, Optional<String> env,
                                                         RepositoryLayout layout) {
        return composeAll(app, InfraConfig.load(configFile), env, layout);
    }

    static List<software.amazon.awscdk.Stack> composeAll(App app, InfraConfig config, Optional<String> env,
                                                         RepositoryLayout layout) {
        var deliveries = compose(app, config, env, layout);
        var platforms = composePlatforms(app, config, env);
        for (var delivery : deliveries) {
            var checked = delivery.platformCheckedEnvironments();
            platforms.stream().filter(p -> checked.contains(p.shiplaneEnvironment())).forEach(delivery::addDependency);
        }
        List<software.amazon.awscdk.Stack> all = new java.util.ArrayList<>(deliveries);
        all.addAll(platforms);
        if (env.isEmpty()) {
            CrossAccountRoutes.registryOnlyAccounts(config).forEach(account ->
                    all.add(new ShiplaneRegistryStack(app, account, CrossAccountRoutes.of(config, account))));
        }
        return all;
    }

    /**
     * One {@link ServiceInfraStack} per environment that has a {@code platform} block (only {@code env}'s when
     * given); environments without one are platforms shiplane deploys to but does not build. A platform is bound to
     * its certificate's account, which must be the environment's where shiplane.yml names one.
     */
    static List<ServiceInfraStack> composePlatforms(App app, Path configFile, Optional<String> env) {
        return composePlatforms(app, InfraConfig.load(configFile), env);
    }

    static List<ServiceInfraStack> composePlatforms(App app, InfraConfig config, Optional<String> env) {
        return config.shiplane().environments().stream()
                .filter(e -> env.map(e.name()::equals).orElse(true))
                .filter(e -> config.platform(e.name()).isPresent())
                .map(e -> {
                    var certificateAccount = config.platform(e.name()).orElseThrow().account();
                    config.accounts().accountOf(e.name()).filter(a -> !a.equals(certificateAccount)).ifPresent(a -> {
                        throw new IllegalArgumentException("environments." + e.name() + ".platform.certificateArn is"
                                + " in account " + certificateAccount + ", but the environment is in account " + a
                                + ": the platform's load balancer can only use a certificate of its own account");
                    });
                    return new ServiceInfraStack(app, ServicePlatformProps.of(config, e.name()));
                })
                .toList();
    }

    /**
     * The name of the template file {@link #synth} writes for {@code account}'s delivery stack: {@value
     * #TEMPLATE_FILE} for the primary account's (or the only) stack, {@code ShiplaneDelivery-<account>.template.json}
     * for another account's.
     */
    public static String templateFile(Path configFile, String account) {
        var accounts = InfraConfig.load(configFile).accounts();
        var primary = !accounts.named() || accounts.primary().equals(account);
        return ShiplaneDeliveryStack.idFor(account, primary) + ".template.json";
    }

    /**
     * Synthesizes the delivery stack for every environment of {@code configFile} into {@code outdir}; the
     * template is {@code outdir/}{@value #TEMPLATE_FILE}. The function packages are taken from the repository
     * ({@value RepositoryLayout#PACKAGES}), wherever the config file lives.
     *
     * @return {@code outdir}
     */
    public static Path synth(Path configFile, Path outdir) {
        return synth(configFile, outdir, java.util.Map.of());
    }

    /** As {@link #synth(Path, Path)}, with CDK context values ({@code -c key=value}), e.g. the GitHub token's. */
    public static Path synth(Path configFile, Path outdir, java.util.Map<String, String> context) {
        var app = new App(AppProps.builder().outdir(outdir.toString()).context(java.util.Map.copyOf(context)).build());
        compose(app, configFile, Optional.empty(), RepositoryLayout.locate());
        app.synth();
        return outdir;
    }

    /**
     * Synthesizes every environment's {@link ServiceInfraStack} of {@code configFile} into {@code outdir} (the
     * sandbox plays a stack update as the difference of two such syntheses).
     *
     * @return {@code outdir}
     */
    public static Path synthPlatforms(Path configFile, Path outdir) {
        var app = new App(AppProps.builder().outdir(outdir.toString()).build());
        composePlatforms(app, configFile, Optional.empty());
        app.synth();
        return outdir;
    }

    /**
     * The delivery stacks: without accounts in shiplane.yml, the one stack {@value ShiplaneDeliveryStack#STACK_NAME}
     * for every environment (only {@code env}'s when given); with them, one per account, each serving that account's
     * environments (only the stack of {@code env}'s account, for {@code env}, when given).
     */
    static List<ShiplaneDeliveryStack> compose(App app, Path configFile, Optional<String> env,
                                               RepositoryLayout layout) {
        return compose(app, InfraConfig.load(configFile), env, layout);
    }

    static List<ShiplaneDeliveryStack> compose(App app, InfraConfig config, Optional<String> env,
                                               RepositoryLayout layout) {
        var accounts = config.accounts();
        if (!accounts.named()) {
            return List.of(compose(app, config, env, layout, Optional.empty(), ShiplaneDeliveryStack.STACK_NAME));
        }
        var envAccount = env.map(name -> accounts.accountOf(name).orElseThrow(() -> new IllegalArgumentException(
                "environment '" + name + "' (CDK context env) is not in shiplane.yml; known: "
                        + accounts.environments())));
        return accounts.accounts().stream()
                .filter(account -> envAccount.map(account::equals).orElse(true))
                .map(account -> compose(app, config, env, layout, Optional.of(account),
                        ShiplaneDeliveryStack.idFor(account, account.equals(accounts.primary()))))
                .toList();
    }

    private static ShiplaneDeliveryStack compose(App app, InfraConfig config, Optional<String> env,
                                                 RepositoryLayout layout, Optional<String> account, String id) {
        var scope = DeploymentScope.of(config, env, account);
        var routes = account.map(a -> CrossAccountRoutes.of(config, a)).orElse(CrossAccountRoutes.NONE);
        var rotation = RotationPlacement.rotationIn(config, scope);
        var props = StackProps.builder()
                .stackName(ShiplaneDeliveryStack.STACK_NAME)
                .description(account.map(a -> "shiplane: event-driven deployments to Amazon ECS (account " + a + ": "
                        + String.join(", ", scope.servedEnvironments()) + ")")
                        .orElse("shiplane: event-driven deployments to Amazon ECS"))
                .build();
        return new ShiplaneDeliveryStack(app, id, props, scope, routes, Code.fromAsset(layout.deployPackage().toString()),
                Code.fromAsset(layout.webhookPackage().toString()), rotation,
                rotation.secrets().isEmpty() ? null : Code.fromAsset(layout.rotatePackage().toString()),
                Code.fromAsset(layout.canaryPackage().toString()), Code.fromAsset(layout.rollbackPackage().toString()),
                scope.checkedEnvironments().isEmpty() ? null : Code.fromAsset(layout.checksPackage().toString()),
                Code.fromAsset(layout.notifyPackage().toString()),
                scope.nativeServices().isEmpty() ? null : Code.fromAsset(layout.hooksPackage().toString()),
                ShiplaneDeliveryStack.GitHubAccess.fromContext(app.getNode()), config.concurrency(),
                Code.fromAsset(layout.operatorPackage().toString()));
    }
}
