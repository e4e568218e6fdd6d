package dev.shiplane.cli;

import dev.shiplane.core.deploy.PushPlanner;
import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.config.ShiplaneConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import dev.shiplane.core.image.ImagePush;
import dev.shiplane.core.image.Registry;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What a push would do, from shiplane.yml and the ledger's ad-hoc freezes (one read each), and who may act by hand in
 * the environments it reaches: nothing changes.
 */
@Command(name = "plan", description = "What a push of REPOSITORY:TAG would do (targets, policy, freeze, strategy, steps, gates). Changes nothing.")
final class PlanCommand implements Callable<Integer> {

    /** Stands in for the digest a push would carry: the plan's decisions never depend on it. */
    private static final String ANY_DIGEST = "sha256:" + "0".repeat(64);

    @ParentCommand
    ShiplaneCli root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPOSITORY", description = "an ECR repository (monynha/web) or a GHCR image (ghcr.io/org/app/web)")
    String repository;

    @Parameters(index = "1", paramLabel = "TAG|DIGEST")
    String tag;

    /**
     * The ledger's ad-hoc freezes, or none with a warning when the ledger cannot be read (no credentials, no
     * network): a plan still answers from shiplane.yml, calendar windows included.
     */
    private static Freezes readable(Operator operator, java.io.PrintWriter err) {
        return new Freezes() {
            private boolean unreadableLedger;

            public Optional<Freeze> of(String env) {
                if (unreadableLedger) return Optional.empty(); // said once; the SDK's retries are not paid per target
                try {
                    return operator.freezes().of(env);
                } catch (SdkException | IllegalStateException unreadable) {
                    unreadableLedger = true;
                    err.println("shiplane: ad-hoc freezes not read (" + unreadable.getMessage()
                            + "); the plan shows calendar windows only");
                    err.flush();
                    return Optional.empty();
                }
            }
            public void put(Freeze freeze) { throw new UnsupportedOperationException("plan changes nothing"); }
            public void lift(String env) { throw new UnsupportedOperationException("plan changes nothing"); }
        };
    }

    /** Where environments name their accounts, each row says which one (after the environment's name). */
    private static Map<String, Object> withAccount(ShiplaneConfig config, String env, Map<String, Object> row) {
        if (!config.namesAccounts()) return row;
        var withAccount = new LinkedHashMap<String, Object>();
        row.forEach((key, value) -> {
            withAccount.put(key, value);
            if (key.equals("env")) withAccount.put("account", config.environment(env).orElseThrow().account());
        });
        return withAccount;
    }

    /** The accounts of the plan's environments and, for an ECR repository, of the services' repositories. */
    private static Map<String, Object> accounts(ShiplaneConfig config, List<String> environments, String repository,
                                                boolean ghcr) {
        var accounts = new LinkedHashMap<String, Object>();
        environments.forEach(e -> accounts.put(e, config.environment(e).orElseThrow().account()));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("accounts", accounts);
        if (!ghcr) {
            var ecr = new LinkedHashMap<String, Object>();
            config.services().stream().filter(s -> s.repositories().contains(repository))
                    .forEach(s -> ecr.put(s.name(), config.ecrAccountOf(s)));
            answer.put("ecrAccounts", ecr);
        }
        return answer;
    }

    @Override
    public Integer call() {
        var ghcr = repository.startsWith("ghcr.io/");
        var digest = tag.startsWith("sha256:") ? tag : ANY_DIGEST;
        var push = new ImagePush("plan", ghcr ? Registry.GHCR : Registry.ECR, ghcr ? "ghcr.io" : "ecr",
                ghcr ? repository.substring("ghcr.io/".length()) : repository, tag.startsWith("sha256:") ? null : tag,
                digest, Instant.EPOCH);
        var err = spec.commandLine().getErr();
        var plans = PushPlanner.plan(root.operator().config(), push, root.clock().instant(), readable(root.operator(), err));
        var out = spec.commandLine().getOut();
        var config = root.operator().config();
        var rules = config.operators();
        var environments = plans.stream().map(p -> p.env()).distinct().toList();
        if (root.json) {
            Map<String, Object> operators = new LinkedHashMap<>();
            environments.forEach(e -> operators.put(e, OperatorsView.json(rules, e)));
            var answer = Output.row("repository", repository, "tag", push.tag(), "targets", plans,
                    "operators", operators);
            if (config.namesAccounts()) answer.putAll(accounts(config, environments, repository, ghcr));
            Output.json(out, answer);
            return 0;
        }
        if (plans.isEmpty()) {
            out.println("no service takes images from " + repository + ": a push would be skipped (unknown-repository)");
            out.flush();
            return 0;
        }
        Output.table(out, plans.stream().map(p -> withAccount(config, p.env(), Output.row(
                "env", p.env(),
                "service", p.service(),
                "outcome", p.deploys() ? "deploy" : "skip: " + p.reason(),
                "freeze", p.freeze(),
                "strategy", p.strategy(),
                "steps", p.steps().toString(),
                "bake", p.bake().toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                "gates", p.gates(),
                "why", p.verdict()))).toList());
        if (config.namesAccounts() && !ghcr) {
            plans.stream().map(p -> p.service()).distinct().forEach(service -> out.println("ECR repository "
                    + repository + " of " + service + ": in account "
                    + config.ecrAccountOf(config.service(service).orElseThrow())));
        }
        OperatorsView.print(out, rules, environments);
        return 0;
    }
}
