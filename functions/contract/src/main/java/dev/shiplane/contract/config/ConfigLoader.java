package dev.shiplane.contract.config;

import static dev.shiplane.contract.environment.CommonEnvironment.CONFIG_FILE;

import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.core.access.OperatorAction;
import dev.shiplane.core.access.OperatorGrant;
import dev.shiplane.core.access.OperatorRules;
import dev.shiplane.core.access.PrincipalPattern;
import dev.shiplane.core.config.BlueGreenNames;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;
import dev.shiplane.core.config.InvalidConfigException;
import dev.shiplane.core.config.LiveTaskCounts;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.config.Approval;
import dev.shiplane.core.config.EcsNativePlan;
import dev.shiplane.core.config.Engine;
import dev.shiplane.core.config.TrafficPlan;
import dev.shiplane.core.freeze.CronSchedule;
import dev.shiplane.core.freeze.FreezeWindow;
import java.time.ZoneId;
import dev.shiplane.core.gate.ScanGate;
import dev.shiplane.core.gate.Severity;
import dev.shiplane.core.policy.SemverRange;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code shiplane.yml} into a checked {@link ShiplaneConfig}. Every problem is reported with its path
 * ({@code services.web.container}) in one {@link InvalidConfigException}. What reading the file refuses (YAML that
 * does not parse, an unknown key, a key written twice, a value of the wrong shape) is reported alone, with its line.
 */
public final class ConfigLoader {
    public static final String BUNDLED_RESOURCE = "/shiplane.yml";

    private ConfigLoader() {}

    /** The file named by {@value CommonEnvironment#CONFIG_FILE} in {@code env}, or the copy bundled in the jar. */
    public static ShiplaneConfig fromEnvironment(Map<String, String> env) {
        var file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            return load(Path.of(file));
        }
        try (InputStream in = ConfigLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new InvalidConfigException(List.of("no " + CONFIG_FILE
                        + " set and no shiplane.yml bundled in the function package"));
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "shiplane.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ShiplaneConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    public static ShiplaneConfig parse(String yaml, String origin) {
        if (yaml.isBlank()) {
            throw new InvalidConfigException(List.of(origin + ": the file is empty"));
        }
        var doc = ConfigDocumentReader.read(yaml, origin);
        if (doc == null) {
            throw new InvalidConfigException(List.of(origin + ": the file is empty"));
        }
        return toConfig(doc);
    }

    private static ShiplaneConfig toConfig(ConfigDocument doc) {
        List<String> problems = new ArrayList<>();
        if (doc.version() != null && doc.version() != 1) {
            problems.add("version: " + doc.version() + " is not supported (this shiplane reads version 1)");
        }
        List<EnvironmentSpec> environments = new ArrayList<>();
        Map<String, LiveTaskCounts> liveTaskCounts = new LinkedHashMap<>();
        Map<String, List<OperatorGrant>> operators = new LinkedHashMap<>();
        if (doc.environments() != null) {
            doc.environments().forEach((name, e) -> {
                var at = "environments." + name;
                if (e == null) {
                    problems.add(at + ": empty (needs at least cluster)");
                    return;
                }
                var policy = tagPolicy(e.tagPolicy(), at + ".tagPolicy", problems);
                Duration promoteAfter = null;
                if (e.promoteAfter() != null) {
                    promoteAfter = duration(e.promoteAfter(), at + ".promoteAfter", problems);
                } else if (e.promoteFrom() != null) {
                    promoteAfter = Duration.ofMinutes(30);
                }
                var checkEndpoint = e.checkEndpoint();
                if (checkEndpoint == null && e.platform() != null && e.platform().domain() != null) {
                    checkEndpoint = "https://" + e.platform().domain();
                } else if (checkEndpoint != null && !checkEndpoint.matches("https?://[^\\s/]+(/\\S*)?")) {
                    problems.add(at + ".checkEndpoint: '" + checkEndpoint + "' is not an http(s) URL");
                    checkEndpoint = null;
                }
                environments.add(new EnvironmentSpec(name, e.cluster(), policy, e.promoteFrom(), promoteAfter,
                        scanGate(e.scanGate(), at + ".scanGate", problems), checkEndpoint,
                        approval(e, at, problems), e.account()));
                if (e.platform() != null) liveTaskCounts.put(name, liveTaskCounts(e.platform()));
                if (e.operators() != null) operators.put(name, operatorGrants(e.operators(), at + ".operators", problems));
            });
        }
        var envNames = environments.stream().map(EnvironmentSpec::name).toList();
        List<ServiceSpec> services = new ArrayList<>();
        if (doc.services() != null) {
            doc.services().forEach((name, s) -> {
                var at = "services." + name;
                if (s == null) {
                    problems.add(at + ": empty (needs repository and container)");
                    return;
                }
                List<String> repositories = new ArrayList<>();
                if (s.repository() != null) repositories.add(s.repository());
                if (s.repositories() != null) repositories.addAll(s.repositories());
                Strategy strategy = Strategy.ROLLING;
                if (s.strategy() != null) {
                    try {
                        strategy = Strategy.fromCode(s.strategy());
                    } catch (IllegalArgumentException bad) {
                        problems.add(at + ".strategy: " + bad.getMessage());
                    }
                }
                var engine = Engine.SHIPLANE;
                if (s.engine() != null) {
                    try {
                        engine = Engine.fromCode(s.engine());
                    } catch (IllegalArgumentException bad) {
                        problems.add(at + ".engine: " + bad.getMessage());
                    }
                }
                var traffic = trafficPlan(s, strategy, engine, at, problems);
                if (engine == Engine.ECS) {
                    problems.addAll(EcsNativePlan.problems(strategy, traffic, at));
                    if (s.blueGreen() != null) {
                        problems.add(at + ".blueGreen: ECS's engine runs one service; colours are the shiplane"
                                + " engine's");
                    }
                }
                var blueGreen = s.blueGreen() == null ? null : blueGreen(s.blueGreen());
                if (!strategy.progressive() && (s.steps() != null || s.linear() != null || s.blueGreen() != null)) {
                    problems.add(at + ": steps, linear and blueGreen only apply to canary, linear and blue-green"
                            + " strategies (strategy is " + strategy.code() + ")");
                }
                var keepRevisions = ServiceSpec.DEFAULT_KEEP_REVISIONS;
                if (s.keepRevisions() != null) {
                    if (s.keepRevisions() < 1 || s.keepRevisions() > ServiceSpec.MAX_KEEP_REVISIONS) {
                        problems.add(at + ".keepRevisions: " + s.keepRevisions() + " is not from 1 to "
                                + ServiceSpec.MAX_KEEP_REVISIONS + " (the newest revisions shiplane registered"
                                + " that stay ACTIVE)");
                    } else {
                        keepRevisions = s.keepRevisions();
                    }
                }
                var service = new ServiceSpec(name, repositories, s.container(),
                        s.ecsService() == null ? name : s.ecsService(), strategy,
                        s.alarms() == null ? List.of() : s.alarms(),
                        s.environments() == null ? envNames : s.environments(), traffic, blueGreen,
                        CheckSettings.read(s.checks(), at + ".checks", problems), engine, s.taskRole(),
                        s.executionRole(), s.tagPolicy() == null ? null : tagPolicy(s.tagPolicy(), at + ".tagPolicy", problems),
                        keepRevisions, s.ecrAccount());
                problems.addAll(TaskRoleNames.problems(service, environments, at));
                services.add(service);
            });
        }
        var rotation = rotation(doc.rotation(), problems);
        var freezes = freezes(doc.freezes(), problems);
        try {
            var config = new ShiplaneConfig(environments, services, rotation, liveTaskCounts, freezes,
                    new OperatorRules(operators));
            if (!problems.isEmpty()) throw new InvalidConfigException(problems);
            return config;
        } catch (InvalidConfigException structural) {
            for (var problem : structural.problems()) {
                var path = problem.substring(0, Math.max(0, problem.indexOf(':')));
                if (problems.stream().noneMatch(p -> p.startsWith(path))) problems.add(problem);
            }
            throw new InvalidConfigException(problems);
        }
    }

    /**
     * An environment's operators. Every entry names at least one action and one principal: an entry that grants
     * nothing is a mistake, not a way to say "nobody" (an empty list {@code operators: []} says that).
     */
    private static List<OperatorGrant> operatorGrants(List<ConfigDocument.OperatorGrantDocument> entries, String at,
                                                      List<String> problems) {
        List<OperatorGrant> grants = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            var where = at + "[" + i + "]";
            if (entry == null) {
                problems.add(where + ": empty (needs actions and principals)");
                continue;
            }
            var actions = java.util.EnumSet.noneOf(OperatorAction.class);
            if (entry.actions() == null || entry.actions().isEmpty()) {
                problems.add(where + ".actions: missing (any of " + String.join(", ", OperatorAction.codes())
                        + ", or all)");
            } else if (entry.actions().equals(List.of("all"))) {
                actions.addAll(List.of(OperatorAction.values()));
            } else {
                for (var code : entry.actions()) {
                    try {
                        actions.add(OperatorAction.fromCode(code));
                    } catch (IllegalArgumentException bad) {
                        problems.add(where + ".actions: " + bad.getMessage() + (code.equals("all")
                                ? "; all stands alone" : ""));
                    }
                }
            }
            List<PrincipalPattern> principals = new ArrayList<>();
            if (entry.principals() == null || entry.principals().isEmpty()) {
                problems.add(where + ".principals: missing (IAM role, role session or user ARNs)");
            } else {
                for (var arn : entry.principals()) {
                    PrincipalPattern.problem(arn).ifPresentOrElse(problem -> problems.add(where + ".principals: "
                            + problem), () -> principals.add(new PrincipalPattern(arn)));
                }
            }
            grants.add(new OperatorGrant(actions, principals));
        }
        return grants;
    }

    private static TrafficPlan trafficPlan(ConfigDocument.ServiceDocument s, Strategy strategy, Engine engine,
                                           String at, List<String> problems) {
        var bake = s.bake() == null ? TrafficPlan.DEFAULT_BAKE : duration(s.bake(), at + ".bake", problems);
        if (bake == null) return null;
        if (!strategy.progressive()) return TrafficPlan.allAtOnce(bake);
        try {
            return switch (strategy) {
                case LINEAR -> {
                    if (s.linear() == null || s.linear().increment() == null) {
                        problems.add(at + ".linear: a linear service needs linear: {increment: N, every: 1m}");
                        yield null;
                    }
                    var every = s.linear().every() == null ? bake : duration(s.linear().every(), at + ".linear.every", problems);
                    yield every == null ? null : TrafficPlan.linear(s.linear().increment(), every);
                }
                case BLUE_GREEN -> TrafficPlan.allAtOnce(bake);
                default -> new TrafficPlan(s.steps() != null ? s.steps()
                        : engine == Engine.ECS ? ECS_DEFAULT_CANARY_STEPS : TrafficPlan.DEFAULT_CANARY_STEPS, bake);
            };
        } catch (IllegalArgumentException bad) {
            problems.add(at + "." + bad.getMessage());
            return null;
        }
    }

    /** ECS's canary shifts one percentage, then the rest. */
    private static final List<Integer> ECS_DEFAULT_CANARY_STEPS = List.of(10, 100);

    private static Approval approval(ConfigDocument.EnvironmentDocument e, String at, List<String> problems) {
        if (e.approval() == null) {
            if (e.approvalTimeout() != null) problems.add(at + ".approvalTimeout: only with approval: required");
            return Approval.NONE;
        }
        if (!e.approval().equals("required") && !e.approval().equals("none")) {
            problems.add(at + ".approval: '" + e.approval() + "' is not one of required, none");
            return Approval.NONE;
        }
        var timeout = Approval.DEFAULT_TIMEOUT;
        if (e.approvalTimeout() != null) {
            timeout = duration(e.approvalTimeout(), at + ".approvalTimeout", problems);
            if (timeout == null) return Approval.NONE;
            var problem = Approval.timeoutProblem(timeout);
            if (problem != null) problems.add(at + ".approvalTimeout: " + problem);
        }
        return new Approval(e.approval().equals("required"), timeout);
    }

    /** A service's entry without a count takes the {@code default} entry's, as the CDK app's task sizes do. */
    private static LiveTaskCounts liveTaskCounts(ConfigDocument.PlatformUseDocument platform) {
        var tasks = platform.tasks() == null ? Map.<String, ConfigDocument.TaskCountDocument>of() : platform.tasks();
        var defaultEntry = tasks.get(DEFAULT_TASK_KEY);
        int otherwise = defaultEntry == null ? LiveTaskCounts.DEFAULT
                : or(defaultEntry.desiredCount(), LiveTaskCounts.DEFAULT);
        Map<String, Integer> byService = new LinkedHashMap<>();
        tasks.forEach((service, task) -> {
            if (service.equals(DEFAULT_TASK_KEY)) return;
            byService.put(service, task == null ? otherwise : or(task.desiredCount(), otherwise));
        });
        return new LiveTaskCounts(byService, otherwise);
    }

    /** The key of {@code platform.tasks} that sizes the services not named there. */
    private static final String DEFAULT_TASK_KEY = "default";

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static BlueGreenNames blueGreen(ConfigDocument.BlueGreenDocument d) {
        var defaults = BlueGreenNames.DEFAULT_TEMPLATES;
        return new BlueGreenNames(d.blueService() == null ? defaults.blueService() : d.blueService(),
                d.greenService() == null ? defaults.greenService() : d.greenService(),
                d.blueTargetGroup() == null ? defaults.blueTargetGroup() : d.blueTargetGroup(),
                d.greenTargetGroup() == null ? defaults.greenTargetGroup() : d.greenTargetGroup());
    }

    private static ScanGate scanGate(ConfigDocument.ScanGateDocument doc, String at, List<String> problems) {
        if (doc == null) return null;
        boolean enforced = true;
        if (doc.mode() != null) {
            switch (doc.mode()) {
                case "enforce" -> enforced = true;
                case "report" -> enforced = false;
                default -> problems.add(at + ".mode: '" + doc.mode() + "' is not a mode (enforce or report)");
            }
        }
        Severity max = null;
        if (doc.maxSeverity() == null) {
            if (enforced) problems.add(at + ".maxSeverity: required when the gate is enforced (e.g. MEDIUM)");
            else max = Severity.MEDIUM; // report only: the threshold just labels results as passed or failed
        } else {
            try {
                max = Severity.fromCode(doc.maxSeverity());
                if (max == Severity.UNDEFINED) {
                    problems.add(at + ".maxSeverity: UNDEFINED is not a threshold (INFORMATIONAL, LOW, MEDIUM, HIGH,"
                            + " CRITICAL)");
                }
            } catch (IllegalArgumentException bad) {
                problems.add(at + ".maxSeverity: " + bad.getMessage());
            }
        }
        var timeout = doc.timeout() == null ? Duration.ofMinutes(30) : duration(doc.timeout(), at + ".timeout", problems);
        if (timeout != null && (timeout.compareTo(Duration.ofMinutes(1)) < 0 || timeout.compareTo(Duration.ofDays(1)) > 0)) {
            problems.add(at + ".timeout: " + doc.timeout() + " is outside 1m..24h");
            timeout = null;
        }
        return max == null || timeout == null ? null : new ScanGate(max, enforced, timeout);
    }

    private static Duration duration(String text, String at, List<String> problems) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException bad) {
            problems.add(at + ": " + bad.getMessage());
            return null;
        }
    }

    /** {@code freezes:}: each window is recurring ({@code cron}) or a date range ({@code from}/{@code until}). */
    private static List<FreezeWindow> freezes(LinkedHashMap<String, ConfigDocument.FreezeDocument> doc,
                                              List<String> problems) {
        List<FreezeWindow> windows = new ArrayList<>();
        if (doc == null) return windows;
        doc.forEach((name, f) -> {
            var at = "freezes." + name;
            if (f == null || f.environments() == null || f.environments().isEmpty()) {
                problems.add(at + ".environments: missing (the environments this window freezes)");
                return;
            }
            if ((f.cron() == null) == (f.from() == null || f.until() == null)) {
                problems.add(at + ": give either cron, or from and until (local date-times, 2026-12-20T00:00)");
                return;
            }
            ZoneId zone;
            try {
                zone = ZoneId.of(f.timeZone() == null ? "UTC" : f.timeZone());
            } catch (java.time.DateTimeException bad) {
                problems.add(at + ".timeZone: '" + f.timeZone() + "' is not a time zone (Europe/Lisbon, UTC)");
                return;
            }
            try {
                if (f.cron() != null) {
                    windows.add(new FreezeWindow(name, f.environments(), CronSchedule.parse(f.cron()), null, null,
                            zone, f.reason()));
                } else {
                    var from = java.time.LocalDateTime.parse(f.from());
                    var until = java.time.LocalDateTime.parse(f.until());
                    if (!until.isAfter(from)) {
                        problems.add(at + ".until: " + until + " is not after from " + from);
                        return;
                    }
                    windows.add(new FreezeWindow(name, f.environments(), null, from, until, zone, f.reason()));
                }
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException bad) {
                problems.add(at + ": " + bad.getMessage());
            }
        });
        return windows;
    }

    private static RotationSpec rotation(ConfigDocument.RotationDocument doc, List<String> problems) {
        if (doc == null) return RotationSpec.none();
        List<SecretSpec> secrets = new ArrayList<>();
        if (doc.secrets() != null) {
            doc.secrets().forEach((name, s) -> {
                var at = "rotation.secrets." + name;
                if (s == null) {
                    problems.add(at + ": empty (needs secretId and type)");
                    return;
                }
                SecretType type;
                try {
                    type = SecretType.fromCode(s.type() == null ? "" : s.type());
                } catch (IllegalArgumentException bad) {
                    problems.add(at + ".type: " + (s.type() == null ? "missing" : bad.getMessage()));
                    return;
                }
                Duration grace = null;
                if (s.gracePeriod() != null) {
                    try {
                        grace = DurationText.parse(s.gracePeriod());
                    } catch (IllegalArgumentException bad) {
                        problems.add(at + ".gracePeriod: " + bad.getMessage());
                    }
                } else if (type == SecretType.HMAC_KEY) {
                    grace = Duration.ofDays(7);
                }
                secrets.add(new SecretSpec(name, s.secretId(), type, s.masterSecretId(),
                        s.consumers() == null ? List.of() : s.consumers(), grace,
                        s.length() == null ? 32 : s.length(), !Boolean.FALSE.equals(s.excludePunctuation())));
            });
        }
        return new RotationSpec(doc.schedule() == null ? RotationSpec.MONTHLY : doc.schedule(), secrets);
    }

    private static TagPolicy tagPolicy(ConfigDocument.TagPolicyDocument p, String at, List<String> problems) {
        if (p == null) {
            return null; // ShiplaneConfig reports the missing policy
        }
        List<TagMatcher> matchers = new ArrayList<>();
        if (p.semver() != null) {
            try {
                matchers.add(new TagMatcher.Semver(SemverRange.parse(p.semver()), Boolean.TRUE.equals(p.includePrerelease())));
            } catch (IllegalArgumentException bad) {
                problems.add(at + ".semver: " + bad.getMessage());
            }
        } else if (p.includePrerelease() != null) {
            problems.add(at + ".includePrerelease: only applies to a semver policy");
        }
        if (p.glob() != null) matchers.add(new TagMatcher.Glob(p.glob()));
        if (p.regex() != null) {
            try {
                matchers.add(new TagMatcher.Regex(Pattern.compile(p.regex())));
            } catch (PatternSyntaxException bad) {
                problems.add(at + ".regex: not a valid regular expression (" + bad.getDescription() + ")");
            }
        }
        if (Boolean.TRUE.equals(p.any())) matchers.add(new TagMatcher.AnyTag());
        long declared = java.util.stream.Stream.of(p.semver(), p.glob(), p.regex(),
                Boolean.TRUE.equals(p.any()) ? "any" : null).filter(java.util.Objects::nonNull).count();
        if (declared != 1) {
            problems.add(at + ": set exactly one of semver, glob, regex or any: true (found " + declared + ")");
            return null;
        }
        if (matchers.isEmpty()) return null;
        return new TagPolicy(matchers.getFirst(), Boolean.TRUE.equals(p.allowLatest()),
                Boolean.TRUE.equals(p.allowUntagged()));
    }
}
