package dev.shiplane.infra;

import dev.shiplane.contract.config.ConfigDocumentReader;
import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code shiplane.yml} as the CDK app reads it: what the functions read, through their own loader (the rules AWS
 * routes on and the decisions the functions make cannot drift apart), and the {@code platform} block of each
 * environment, which only the app reads. Every problem of either part is an {@link InvalidConfigException} naming
 * its path, as the functions' loader reports its own.
 *
 * @param shiplane  what the functions read
 * @param platforms the {@code platform} block of each environment that has one, by environment name
 * @param concurrency the reserved concurrency of the delivery stack's functions ({@code concurrency})
 */
public record InfraConfig(ShiplaneConfig shiplane, Map<String, PlatformSpec> platforms,
                          FunctionConcurrency concurrency) {

    public InfraConfig {
        platforms = Map.copyOf(platforms);
        concurrency = concurrency == null ? FunctionConcurrency.NONE : concurrency;
    }

    /**
     * The account of each environment and of each service's ECR repositories, where named: read off what the
     * functions read ({@link AccountLayout#of}), so the stacks are laid out by the accounts the functions act for.
     */
    public AccountLayout accounts() {
        return AccountLayout.of(shiplane);
    }

    /** Without reservations. */
    public InfraConfig(ShiplaneConfig shiplane, Map<String, PlatformSpec> platforms) {
        this(shiplane, platforms, FunctionConcurrency.NONE);
    }

    public static InfraConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
        return parse(yaml, file.toString());
    }

    public static InfraConfig parse(String yaml, String origin) {
        var shiplane = ConfigLoader.parse(yaml, origin);
        var sections = ConfigDocumentReader.read(yaml, origin, PlatformSections.class);
        var serviceNames = shiplane.services().stream().map(ServiceSpec::name).toList();
        Map<String, PlatformSpec> platforms = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (sections != null && sections.environments() != null) {
            sections.environments().forEach((env, section) -> {
                if (section == null || section.platform() == null) return;
                var platform = section.platform().spec();
                problems.addAll(platform.problems("environments." + env + ".platform", serviceNames));
                platforms.put(env, platform);
            });
        }
        var concurrencySection = ConfigDocumentReader.read(yaml, origin, ConcurrencySection.class);
        var concurrency = concurrencySection == null ? FunctionConcurrency.NONE : concurrencySection.spec();
        problems.addAll(concurrency.problems("concurrency"));
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new InvalidConfigException(problems);
        }
        return new InfraConfig(shiplane, platforms, concurrency);
    }

    /** The platform the ServiceInfra stack builds for environment {@code env}, if its block is present. */
    public Optional<PlatformSpec> platform(String env) {
        return Optional.ofNullable(platforms.get(env));
    }
}
