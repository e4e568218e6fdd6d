package dev.shiplane.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import static org.assertj.core.api.Assertions.assertThat;

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
 * The repository's shiplane.yml (staging and prod in two accounts) with services' images placed in other accounts,
 * the whole app synthesized with cdk-nag's AwsSolutions checks into a directory of its own, as {@code cdk synth}
 * writes it. The repository's own placement is {@link SynthesizedApp}.
 */
final class AccountsFixture {

    static final String STAGING_ACCOUNT = SynthesizedApp.STAGING_ACCOUNT;
    static final String PROD_ACCOUNT = SynthesizedApp.PROD_ACCOUNT;
    static final String REGISTRY_ACCOUNT = "333333333333";
    static final String PROD_STACK = SynthesizedApp.PROD_DELIVERY;

    final List<Stack> stacks;
    final Path outdir;

    private AccountsFixture(List<Stack> stacks, Path outdir) {
        this.stacks = stacks;
        this.outdir = outdir;
    }

    /**
     * The repository's shiplane.yml (staging in the primary account, prod in its own), each service of
     * {@code ecrAccounts} given that {@code ecrAccount}; the others' images in staging's account.
     */
    static AccountsFixture synth(String name, Map<String, String> ecrAccounts) {
        var config = InfraConfig.parse(withEcrAccounts(ecrAccounts), "shiplane.yml");
        assertThat(config.accounts().accounts()).containsExactly(STAGING_ACCOUNT, PROD_ACCOUNT);
        var outdir = Path.of("target", "synth-" + name).toAbsolutePath();
        clean(outdir);
        var app = new App(AppProps.builder().outdir(outdir.toString()).build());
        var stacks = ShiplaneApp.composeAll(app, config, Optional.empty(), RepositoryLayout.locate());
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

    /** shiplane.yml with {@code ecrAccount: <account>} added to each service named. */
    private static String withEcrAccounts(Map<String, String> ecrAccounts) {
        try {
            var yaml = Files.readString(RepositoryLayout.locate().configFile());
            for (var entry : ecrAccounts.entrySet()) {
                var service = "\n  " + entry.getKey() + ":\n";
                if (!yaml.contains(service)) throw new IllegalArgumentException("no service " + entry.getKey());
                yaml = yaml.replace(service, service + "    ecrAccount: \"" + entry.getValue() + "\"\n");
            }
            return yaml;
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

    private static void clean(Path dir) {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
