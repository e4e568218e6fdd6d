package dev.shiplane.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The platform one environment runs on, as the CDK app's ServiceInfra stack builds it: network, load balancer,
 * database, cache and the size of every service's tasks. Only the CDK app reads it; the functions ignore it. An
 * environment without a {@code platform} block gets no ServiceInfra stack (shiplane then deploys to services
 * created elsewhere).
 *
 * @param certificateArn   ACM certificate of the load balancer's HTTPS listener, in the stack's region. Required.
 * @param domain           the name the certificate covers and that points at the load balancer; CloudFront
 *                         reaches its origin by it over HTTPS. Required.
 * @param availabilityZones the VPC's three AZs; empty: the first three AZs CloudFormation lists for the region
 *                         ({@code Fn::GetAZs}), which is right unless the account should avoid one
 * @param natGateways      NAT gateways of the VPC: 1 (cheap, one AZ's outage cuts egress) up to one per AZ (3)
 * @param database         the PostgreSQL instance
 * @param cache            the Redis replication group
 * @param tasks            task size per service name; a service not listed takes {@link #DEFAULT_TASK_KEY}'s
 * @param logRetentionDays retention of the services' log groups
 * @param synthetics       the environment's synthetic check (a CloudWatch Synthetics canary and its alarm)
 */
public record PlatformSpec(String certificateArn, String domain, List<String> availabilityZones, int natGateways,
                           Database database, Cache cache, Map<String, Task> tasks, int logRetentionDays,
                           Synthetics synthetics) {

    /** Key in {@code tasks} of the size of services not listed by name. */
    public static final String DEFAULT_TASK_KEY = "default";
    public static final int DEFAULT_NAT_GATEWAYS = 1;
    public static final int DEFAULT_LOG_RETENTION_DAYS = 30;

    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    /** CloudWatch Logs accepts only these retention periods. */
    private static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** With the default synthetic check. */
    public PlatformSpec(String certificateArn, String domain, List<String> availabilityZones, int natGateways,
                        Database database, Cache cache, Map<String, Task> tasks, int logRetentionDays) {
        this(certificateArn, domain, availabilityZones, natGateways, database, cache, tasks, logRetentionDays,
                Synthetics.DEFAULT);
    }

    public PlatformSpec {
        synthetics = synthetics == null ? Synthetics.DEFAULT : synthetics;
        availabilityZones = availabilityZones == null ? List.of() : List.copyOf(availabilityZones);
        tasks = Map.copyOf(tasks);
        if (!tasks.containsKey(DEFAULT_TASK_KEY)) {
            var withDefault = new java.util.HashMap<>(tasks);
            withDefault.put(DEFAULT_TASK_KEY, Task.DEFAULT);
            tasks = Map.copyOf(withDefault);
        }
    }

    /** The size of {@code service}'s tasks: its own entry, else the {@code default} entry. */
    public Task task(String service) {
        return tasks.getOrDefault(service, tasks.get(DEFAULT_TASK_KEY));
    }

    /** The region of the certificate, which is the region the ServiceInfra stack must be deployed to. */
    public String region() {
        return certificateArn.split(":")[3];
    }

    /** The account of the certificate, which is the account the ServiceInfra stack must be deployed to. */
    public String account() {
        return certificateArn.split(":")[4];
    }

    /**
     * The PostgreSQL instance.
     *
     * @param instanceClass      RDS instance class without the {@code db.} prefix ({@code t4g.micro})
     * @param storageGb          allocated storage (20-65536 GiB)
     * @param multiAz            a standby in a second AZ (production)
     * @param deletionProtection refuse deletion, also by CloudFormation (production)
     * @param backupDays         automated backup retention (1-35 days)
     */
    public record Database(String instanceClass, int storageGb, boolean multiAz, boolean deletionProtection,
                           int backupDays) {
        public static final Database DEFAULT = new Database("t4g.micro", 20, false, false, 7);
    }

    /**
     * The Redis replication group.
     *
     * @param nodeType ElastiCache node type ({@code cache.t4g.micro})
     * @param nodes    1 (no replica) to 6; with 2 or more, automatic failover across AZs is on
     */
    public record Cache(String nodeType, int nodes) {
        public static final Cache DEFAULT = new Cache("cache.t4g.micro", 1);
    }

    /**
     * One service's tasks and how the load balancer reaches them.
     *
     * @param cpu             Fargate CPU units (256, 512, 1024, 2048, 4096, 8192, 16384)
     * @param memory          MiB, a combination Fargate accepts for {@code cpu}
     * @param desiredCount    tasks of the live colour (a rolling service's only colour)
     * @param containerPort   port the container listens on
     * @param healthCheckPath path the target groups probe
     * @param paths           listener path patterns routed to the service; empty: {@code /<service>/*}
     */
    public record Task(int cpu, int memory, int desiredCount, int containerPort, String healthCheckPath,
                       List<String> paths) {
        public static final Task DEFAULT = new Task(256, 512, 1, 8080, "/health", List.of());

        public Task {
            paths = List.copyOf(paths);
        }

        /** The listener path patterns, defaulted for {@code service}. */
        public List<String> pathsFor(String service) {
            return paths.isEmpty() ? List.of("/" + service + "/*") : paths;
        }
    }

    /**
     * The environment's synthetic check: a CloudWatch Synthetics canary requesting the services' declared checks on
     * the live service every {@code every}, and its alarm {@code <env>-synthetics}, which a service may list among
     * its gate alarms ({@link SyntheticMonitoring}).
     *
     * @param enabled whether the ServiceInfra stack runs the canary (only where some service declares checks)
     * @param every   how often it runs, in whole minutes from 1m to 60m (Synthetics' rate schedules)
     */
    public record Synthetics(boolean enabled, String every) {
        /** The seed's synthetic check: every 15 minutes. */
        public static final Synthetics DEFAULT = new Synthetics(true, "15m");

        /** How often the canary runs; only for a value {@link PlatformSpec#problems} accepts. */
        public java.time.Duration interval() {
            return dev.shiplane.contract.config.DurationText.parse(every);
        }

        List<String> problems(String at) {
            java.time.Duration interval;
            try {
                interval = interval();
            } catch (IllegalArgumentException bad) {
                return List.of(at + ".every: " + bad.getMessage());
            }
            if (interval.toSecondsPart() != 0 || interval.toMinutes() < 1 || interval.toMinutes() > 60) {
                return List.of(at + ".every: " + every + " is not a whole number of minutes from 1m to 60m (the"
                        + " rates a Synthetics canary runs at)");
            }
            return List.of();
        }
    }

    /** Everything wrong with this platform block, each prefixed with its path ({@code at}). */
    public List<String> problems(String at, List<String> serviceNames) {
        List<String> problems = new ArrayList<>();
        if (certificateArn == null || !CERTIFICATE_ARN.matcher(certificateArn).matches()) {
            problems.add(at + ".certificateArn: " + (certificateArn == null ? "missing" : "'" + certificateArn + "' is not")
                    + " an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)");
        }
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            problems.add(at + ".domain: " + (domain == null ? "missing" : "'" + domain + "' is not")
                    + " a lower-case DNS name (the load balancer's name on the certificate)");
        }
        if (!availabilityZones.isEmpty() && (availabilityZones.size() != 3
                || availabilityZones.stream().anyMatch(az -> az == null || !az.matches("[a-z]{2}(-[a-z]+)+-\\d[a-z]")))) {
            problems.add(at + ".availabilityZones: " + availabilityZones + " must be three AZ names like us-east-1a");
        }
        if (natGateways < 1 || natGateways > 3) {
            problems.add(at + ".natGateways: " + natGateways + " is outside 1..3 (one per AZ at most; the tasks"
                    + " pull images through them)");
        }
        if (!LOG_RETENTION_DAYS.contains(logRetentionDays)) {
            problems.add(at + ".logRetentionDays: " + logRetentionDays + " is not a CloudWatch Logs retention period"
                    + " (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)");
        }
        if (database.instanceClass() == null || !database.instanceClass().matches("[a-z0-9]+\\.[a-z0-9]+")) {
            problems.add(at + ".database.instanceClass: '" + database.instanceClass() + "' is not an instance class"
                    + " like t4g.micro (without the db. prefix)");
        }
        if (database.storageGb() < 20 || database.storageGb() > 65536) {
            problems.add(at + ".database.storageGb: " + database.storageGb() + " is outside 20..65536");
        }
        if (database.backupDays() < 1 || database.backupDays() > 35) {
            problems.add(at + ".database.backupDays: " + database.backupDays() + " is outside 1..35");
        }
        if (cache.nodeType() == null || !cache.nodeType().matches("cache\\.[a-z0-9]+\\.[a-z0-9]+")) {
            problems.add(at + ".cache.nodeType: '" + cache.nodeType() + "' is not a node type like cache.t4g.micro");
        }
        if (cache.nodes() < 1 || cache.nodes() > 6) {
            problems.add(at + ".cache.nodes: " + cache.nodes() + " is outside 1..6");
        }
        problems.addAll(synthetics.problems(at + ".synthetics"));
        tasks.forEach((name, task) -> {
            var taskAt = at + ".tasks." + name;
            if (!name.equals(DEFAULT_TASK_KEY) && !serviceNames.contains(name)) {
                problems.add(taskAt + ": unknown service (known: " + serviceNames + ", or " + DEFAULT_TASK_KEY + ")");
            }
            var sizing = fargateProblem(task.cpu(), task.memory());
            if (sizing != null) problems.add(taskAt + ": " + sizing);
            if (task.desiredCount() < 1 || task.desiredCount() > 100) {
                problems.add(taskAt + ".desiredCount: " + task.desiredCount() + " is outside 1..100");
            }
            if (task.containerPort() < 1 || task.containerPort() > 65535) {
                problems.add(taskAt + ".containerPort: " + task.containerPort() + " is not a port");
            }
            if (task.healthCheckPath() == null || !task.healthCheckPath().startsWith("/")) {
                problems.add(taskAt + ".healthCheckPath: '" + task.healthCheckPath() + "' must start with /");
            }
            for (var path : task.paths()) {
                if (path == null || !path.startsWith("/") || path.length() > 128) {
                    problems.add(taskAt + ".paths: '" + path + "' must start with / (at most 128 characters)");
                }
            }
        });
        return problems;
    }

    /** Fargate's CPU and memory pairs (ECS developer guide, "Task CPU and memory"), or {@code null} if valid. */
    static String fargateProblem(int cpu, int memory) {
        int[] range = switch (cpu) {
            case 256 -> new int[] {512, 2048, 512};
            case 512 -> new int[] {1024, 4096, 1024};
            case 1024 -> new int[] {2048, 8192, 1024};
            case 2048 -> new int[] {4096, 16384, 1024};
            case 4096 -> new int[] {8192, 30720, 1024};
            case 8192 -> new int[] {16384, 61440, 4096};
            case 16384 -> new int[] {32768, 122880, 8192};
            default -> null;
        };
        if (range == null) {
            return "cpu " + cpu + " is not a Fargate size (256, 512, 1024, 2048, 4096, 8192, 16384)";
        }
        boolean fits = memory >= range[0] && memory <= range[1] && (memory - range[0]) % range[2] == 0;
        // 256 CPU units also take 512, 1024 and 2048 MiB only (the step above covers 1536 which Fargate refuses).
        if (cpu == 256) fits = memory == 512 || memory == 1024 || memory == 2048;
        return fits ? null : "memory " + memory + " MiB does not fit cpu " + cpu + " (Fargate takes " + range[0]
                + ".." + range[1] + " MiB in steps of " + range[2] + ")";
    }
}
