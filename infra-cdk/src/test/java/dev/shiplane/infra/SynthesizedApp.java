package dev.shiplane.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The whole app as {@code cdk synth} builds it from the repository's shiplane.yml, with cdk-nag's AwsSolutions
 * checks applied, synthesized once per test JVM into {@code target/synth} and shared by the test classes that
 * need it (a synth of every stack costs seconds; the suite runs in one fork).
 */
final class SynthesizedApp {

    static final Path OUTDIR = Path.of("target", "synth").toAbsolutePath();
    /** shiplane.yml's staging account, the primary one: its delivery stack keeps the id ShiplaneDelivery. */
    static final String STAGING_ACCOUNT = "123456789012";
    static final String PROD_ACCOUNT = "210987654321";
    /** Staging's delivery stack (the primary account's). */
    static final String STAGING_DELIVERY = ShiplaneDeliveryStack.STACK_NAME;
    /** Prod's delivery stack, in prod's account: stack name ShiplaneDelivery, construct id with the account. */
    static final String PROD_DELIVERY = ShiplaneDeliveryStack.STACK_NAME + "-" + PROD_ACCOUNT;
    private static SynthesizedApp instance;

    private final List<Stack> stacks;

    private SynthesizedApp(List<Stack> stacks) {
        this.stacks = stacks;
    }

    static synchronized SynthesizedApp get() {
        if (instance == null) {
            clean(OUTDIR);
            var layout = RepositoryLayout.locate();
            var app = new App(AppProps.builder().outdir(OUTDIR.toString()).build());
            List<Stack> stacks = ShiplaneApp.composeAll(app, layout.configFile(), Optional.empty(), layout);
            Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
            app.synth();
            instance = new SynthesizedApp(List.copyOf(stacks));
        }
        return instance;
    }

    List<Stack> stacks() {
        return stacks;
    }

    /** The stack of that construct id (every account's delivery stack has the stack name ShiplaneDelivery). */
    Stack stack(String id) {
        return stacks.stream().filter(s -> s.getArtifactId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stack " + id));
    }

    /**
     * The template file of a stack, as written to the outdir: named after its construct id, which is its stack name
     * except for another account's delivery stack ({@code ShiplaneDelivery-<account>}, stack name ShiplaneDelivery).
     */
    Path templateFile(String stackId) {
        return OUTDIR.resolve(stackId + ".template.json");
    }

    /** The template as written to disk (not re-synthesized). */
    Template template(String stackId) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = new ObjectMapper().readValue(templateFile(stackId).toFile(), Map.class);
            return Template.fromJSON(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> templateFiles() {
        return stacks.stream().map(s -> templateFile(s.getArtifactId())).toList();
    }

    private static void clean(Path dir) {
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
