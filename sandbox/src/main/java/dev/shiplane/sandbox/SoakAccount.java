package dev.shiplane.sandbox;

import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.sandbox.iam.AccountAdministrator;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One account of the serving sandbox as the soak reads it: the harness acting there, that account's ledger (its
 * delivery stack's table), the environments it runs and the database its managed secrets log in to. Each account is
 * read with its own credentials, as AWS keeps accounts apart: an environment's cluster, ledger heads, schedules and
 * secrets are looked for in its own account only.
 *
 * @param environments the environments running in this account
 * @param database     the sandbox database of this account's secrets, and its master role
 */
record SoakAccount(String account, TestAws aws, String ledgerTable, Predicate<String> environments, String database,
                   String master) {

    /**
     * Every account of the story, the primary first. The serving sandbox's environment file gives the harness of the
     * primary account; in each other account the harness assumes the administrator role the sandbox made there, which
     * trusts the primary harness (a cross-account {@code sts:AssumeRole}, as an operator's tooling would).
     */
    static List<SoakAccount> of(ShiplaneConfig config, AwsEmulator primaryHarness, Path templateDir)
            throws IOException {
        var accounts = Accounts.of(config);
        var primary = new TestAws(primaryHarness);
        List<SoakAccount> all = new ArrayList<>();
        for (var account : accounts.all()) {
            boolean isPrimary = account.equals(accounts.primary());
            var aws = isPrimary ? primary : new TestAws(administratorIn(primary, primaryHarness, account));
            var template = CloudTemplate.read(templateDir.resolve(accounts.templateFile(account)), account);
            // RotationWorld gives each other account a database and master of its own (suffixed by the account)
            var suffix = isPrimary ? "" : "_" + account;
            all.add(new SoakAccount(account, aws, template.ledgerTableName(), accounts.environmentsIn(account),
                    SandboxPostgres.DATABASE + suffix, SandboxPostgres.MASTER + suffix));
        }
        return List.copyOf(all);
    }

    /** The account of {@code env} among {@code accounts}; the primary (first) one for a name none runs. */
    static SoakAccount ofEnvironment(List<SoakAccount> accounts, String env) {
        return accounts.stream().filter(a -> a.environments().test(env)).findFirst().orElse(accounts.getFirst());
    }

    private static AwsEmulator administratorIn(TestAws primary, AwsEmulator primaryHarness, String account) {
        var roleArn = "arn:aws:iam::" + account + ":role/" + AccountAdministrator.ROLE;
        try (var sts = primary.build(StsClient.builder())) {
            // as long as the role allows (the sandbox's own session there lasts as long): a long soak outlasts an hour
            var session = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("soak").durationSeconds(43_200))
                    .credentials();
            return new AwsEmulator() {
                @Override
                public String endpoint() {
                    return primaryHarness.endpoint();
                }

                @Override
                public void reset() {
                    throw new UnsupportedOperationException("the soak never resets the sandbox's emulator");
                }

                @Override
                public String describe() {
                    return primaryHarness.describe() + ", account " + account;
                }

                @Override
                public Map<String, String> environment() {
                    return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_REGION", REGION,
                            "AWS_ACCESS_KEY_ID", session.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                            session.secretAccessKey(), "AWS_SESSION_TOKEN", session.sessionToken());
                }
            };
        }
    }
}
