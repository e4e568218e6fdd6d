package dev.shiplane.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The repository's shiplane.yml with its environments placed in accounts, the whole app synthesized with cdk-nag's
 * AwsSolutions checks into a directory of its own, as {@code cdk synth} writes it.
 */
final class AccountsFixture {

    static final String STAGING_ACCOUNT = "123456789012";
    static final String PROD_ACCOUNT = "210987654321";
    static final String REGISTRY_ACCOUNT = "333333333333";
    static final String PROD_STACK = ShiplaneDeliveryStack.STACK_NAME + "-" + PROD_ACCOUNT;

    final List<Stack> stacks;
    final Path outdir;

    private AccountsFixture(List<Stack> stacks, Path outdir) {
        this.stacks = stacks;
        this.outdir = outdir;
    }

    /** Staging in the primary account, prod in its own; the images in {@code ecrAccounts}' accounts or staging's. */
    static AccountsFixture synth(String name, Map<String, String> ecrAccounts) {
        var config = InfraConfig.parse(prodCertificateInProdAccount(), "shiplane.yml");
        var accounts = AccountLayout.of(orderedMap("staging", STAGING_ACCOUNT, "prod", PROD_ACCOUNT), ecrAccounts);
        var placed = new InfraConfig(config.shiplane(), config.platforms(), config.concurrency(), accounts);
        var outdir = Path.of("target", "synth-" + name).toAbsolutePath();
        clean(outdir);
        var app = new App(AppProps.builder().outdir(outdir.toString()).build());
        var stacks = ShiplaneApp.composeAll(app, placed, Optional.empty(), RepositoryLayout.locate());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
        return new AccountsFixture(List.copyOf(stacks), outdir);
    }

    @SuppressWarnings("unchecked")
    Template template(String stackId) {
        try {
            return Template.fromJSON(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(templateFile(stackId).toFile(), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** prod's platform is in prod's account, so is the certificate of its load balancer. */
    private static String prodCertificateInProdAccount() {
        try {
            var yaml = Files.readString(RepositoryLayout.locate().configFile());
            var prodCertificate = "arn:aws:acm:us-east-1:" + STAGING_ACCOUNT + ":certificate/5a4b";
            if (!yaml.contains(prodCertificate)) return yaml;
            return yaml.replace(prodCertificate, "arn:aws:acm:us-east-1:" + PROD_ACCOUNT + ":certificate/5a4b");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path templateFile(String stackId) {
        return outdir.resolve(stackId + ".template.json");
    }

    List<Path> templateFiles() {
        return stacks.stream().map(s -> templateFile(s.getArtifactId())).toList();
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        var map = new java.util.LinkedHashMap<String, String>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static void clean(Path dir) {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
