package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.contract.rotation.JsonCredentialsFormat;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.SecretType;
import dev.shiplane.core.canary.RolloutPhase;
import dev.shiplane.testkit.DueSchedules;
import dev.shiplane.testkit.ScramVerifier;
import dev.shiplane.testkit.TestPostgres;
import dev.shiplane.testkit.TestAws;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What must hold at the end of every simulated day of the soak, read from the emulator's state, the ledgers and the
 * domain events the sandbox put on the buses. Where environments run in separate accounts, each environment's
 * services, ledger heads, schedules and secrets are read in its own account, with that account's credentials
 * ({@link SoakAccount}); the domain events of every account are one stream. Each check returns its violations, one
 * line each; a check is counted once per thing it looked at (a push, a service, a secret).
 */
final class SoakInvariants {

    /** Checks made and violations found so far. */
    int checks;
    final List<String> violations = new ArrayList<>();

    private final List<SoakAccount> accounts;
    private final ShiplaneConfig config;
    private final LedgerAgreement agreement;
    /** Each account's Secrets Manager, by account. */
    private final Map<String, SecretsManagerClient> secrets = new LinkedHashMap<>();

    /** Database checks skipped because another sandbox on this machine recreated the database, one line each. */
    final List<String> interference = new ArrayList<>();
    /**
     * Each account's sandbox database's and its master's identity on the server when the soak began (absent: no
     * server), by account.
     */
    private final Map<String, String> databaseIdentities = new java.util.HashMap<>();

    /** @param accounts every account of the story, the primary (where the story's ECR repositories are) first */
    SoakInvariants(List<SoakAccount> accounts, ShiplaneConfig config, LedgerAgreement agreement) {
        this.accounts = List.copyOf(accounts);
        this.config = config;
        this.agreement = agreement;
        for (var a : accounts) {
            secrets.put(a.account(), a.aws().build(SecretsManagerClient.builder()));
            var identity = databaseIdentity(a.database(), a.master());
            if (identity != null) databaseIdentities.put(a.account(), identity);
        }
    }

    /**
     * The object ids of a sandbox database and its master role: every sandbox run drops and creates them again
     * ({@link SandboxPostgres#recreate}), so a change means another sandbox on this machine replaced them, and with
     * them the passwords this soak's secrets hold.
     */
    static String databaseIdentity(String database, String master) {
        try (var su = TestPostgres.connect("postgres", TestPostgres.SUPERUSER, TestPostgres.SUPERUSER_PASSWORD);
             var query = su.prepareStatement("SELECT (SELECT oid FROM pg_database WHERE datname = ?)::text || '/' "
                     + "|| (SELECT oid FROM pg_roles WHERE rolname = ?)::text")) {
            query.setString(1, database);
            query.setString(2, master);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            return null;
        }
    }

    /**
     * Runs every check; returns the violations this round found.
     *
     * @param events     every domain event the sandbox published so far
     * @param pushes     every push the story made before this round
     * @param slackPosts how many messages the notify function posted to Slack so far
     */
    List<String> check(String when, List<JsonNode> events, List<SoakStory.Push> pushes, int slackPosts) {
        List<String> found = new ArrayList<>();
        everyPushDeployedOnceOrSkippedWithAReason(events, pushes, found);
        everyServiceRunsItsNewestDeployableOrARollbackTarget(events, found);
        checks++;
        agreement.disagreements().forEach(d -> found.add("ledger vs ECS: " + d));
        nothingLeftBehind(found);
        everyAnnouncementOncePerEventId(slackPosts, found);
        everyCurrentSecretValid(found);
        found.replaceAll(v -> when + ": " + v);
        interference.replaceAll(v -> v.startsWith("day ") ? v : when + ": " + v);
        violations.addAll(found);
        return found;
    }

    /**
     * Each push was decided in staging: one deployment started for it (however often it was delivered), or skipped or
     * blocked with a reason; in no environment was more than one deployment started for it.
     */
    void everyPushDeployedOnceOrSkippedWithAReason(List<JsonNode> events, List<SoakStory.Push> pushes,
                                                   List<String> found) {
        Map<String, List<JsonNode>> byPush = events.stream().filter(e -> e.path("detail").hasNonNull("pushId"))
                .collect(Collectors.groupingBy(e -> e.path("detail").path("pushId").asText()));
        for (var push : pushes) {
            checks++;
            var decided = byPush.getOrDefault(push.pushId(), List.of());
            var name = push.service() + ":" + push.tag() + " (push " + push.pushId() + ", day " + push.day() + ")";
            for (var env : config.environments()) {
                var started = decided.stream().filter(e -> type(e).equals("Deployment Started")
                        && e.path("detail").path("env").asText().equals(env.name()))
                        .map(e -> e.path("detail").path("deploymentId").asText()).distinct().toList();
                if (started.size() > 1) found.add(name + ": " + started.size() + " deployments started in " + env.name()
                        + " " + started);
            }
            for (var skipped : decided) {
                if (Set.of("Deployment Skipped", "Deployment Blocked").contains(type(skipped))
                        && skipped.path("detail").path("reason").asText().isBlank()) {
                    found.add(name + ": " + type(skipped) + " without a reason");
                }
            }
            boolean inStaging = decided.stream().anyMatch(e -> e.path("detail").path("env").asText().equals("staging")
                    && Set.of("Deployment Started", "Deployment Skipped", "Deployment Blocked").contains(type(e)));
            if (!inStaging) found.add(name + ": neither deployed nor skipped in staging");
        }
    }

    /**
     * A service that is one ECS service runs the revision of its last outcome: the last deployment that succeeded,
     * or the revision a rollback restored, or (after ECS failed a rollout) the one it ran before.
     */
    void everyServiceRunsItsNewestDeployableOrARollbackTarget(List<JsonNode> events, List<String> found) {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> startedFrom = new java.util.HashMap<>();
        for (var e : events) {
            var d = e.path("detail");
            var key = d.path("env").asText() + "/" + d.path("service").asText();
            switch (type(e)) {
                case "Deployment Started" -> startedFrom.put(d.path("deploymentId").asText(),
                        d.path("fromTaskDefinition").asText(null));
                case "Deployment Succeeded" -> expected.put(key, d.path("taskDefinition").asText(null));
                case "Deployment Rolled Back" -> expected.put(key, d.path("restoredTaskDefinition").asText(null));
                case "Deployment Failed" -> {
                    var from = startedFrom.get(d.path("deploymentId").asText());
                    if (from != null) expected.put(key, from);
                }
                default -> { }
            }
        }
        for (var target : expected.entrySet()) {
            if (target.getValue() == null) continue;
            var parts = target.getKey().split("/");
            var env = config.environment(parts[0]).orElse(null);
            var service = config.service(parts[1]).orElse(null);
            if (env == null || service == null || service.twoColours()) continue;
            checks++;
            // the environment's cluster is in its own account
            var aws = SoakAccount.ofEnvironment(accounts, env.name()).aws();
            var running = aws.ecs().describeServices(r -> r.cluster(env.cluster()).services(service.ecsService()))
                    .services().getFirst().taskDefinition();
            if (!running.equals(target.getValue())) {
                found.add(target.getKey() + " runs " + Timeline.revision(running) + ", its last outcome left "
                        + Timeline.revision(target.getValue()));
            }
        }
    }

    /**
     * In every account: no lease held, no action pending, no rollout active, no deployment still started, no schedule
     * waiting.
     */
    void nothingLeftBehind(List<String> found) {
        for (var account : accounts) nothingLeftBehind(account, found);
    }

    private void nothingLeftBehind(SoakAccount account, List<String> found) {
        var aws = account.aws();
        var ledgerTable = account.ledgerTable();
        var where = accounts.size() == 1 ? "" : " (account " + account.account() + ")";
        for (var deployment : unfinished(aws, ledgerTable)) {
            checks++;
            found.add(deployment.get("env").s() + "/" + deployment.get("service").s() + ": deployment "
                    + deployment.get("deploymentId").s() + " still " + deployment.get("status").s());
        }
        for (var head : heads(aws, ledgerTable)) {
            checks++;
            var name = head.get("env").s() + "/" + head.get("service").s();
            if (!account.environments().test(head.get("env").s())) {
                // an environment's ledger is its own account's: a head elsewhere is a leak across accounts
                found.add(name + ": a head in the ledger of account " + account.account() + ", where "
                        + head.get("env").s() + " does not run");
            }
            if (head.get("leaseOwner") != null) found.add(name + ": lease held by " + head.get("leaseOwner").s());
            if (head.get("pendingActions") != null) found.add(name + ": actions pending " + head.get("pendingActions").s());
            if (head.get("rollout") != null) {
                var phase = read(head.get("rollout").s()).path("phase").asText();
                if (RolloutPhase.valueOf(phase).active()) found.add(name + ": rollout stuck in " + phase);
            }
        }
        checks++;
        var waiting = new DueSchedules(aws).pending(ProgressiveWorld.SCHEDULE_GROUP);
        if (!waiting.isEmpty()) {
            found.add("schedules left waiting" + where + ": " + waiting.stream().map(DueSchedules.Pending::name)
                    .toList());
        }
    }

    /**
     * Slack got one message per announced event: as many posts as the notify functions' Slack claims (every account's
     * notify function posts to the one channel, claiming in its own ledger).
     */
    void everyAnnouncementOncePerEventId(int slackPosts, List<String> found) {
        checks++;
        long claims = 0;
        for (var account : accounts) {
            claims += account.aws().dynamo().scan(r -> r.tableName(account.ledgerTable()).consistentRead(true))
                    .items().stream().filter(i -> i.get("pk").s().contains("notify:slack:")).count();
        }
        if (claims != slackPosts) {
            found.add("Slack got " + slackPosts + " messages for " + claims + " announced events");
        }
    }

    /**
     * In every account (each rotates its own copies of the managed secrets, against a database of its own): every
     * rotated secret has one AWSCURRENT version and none left AWSPENDING; a database password in AWSCURRENT logs in
     * (a real JDBC login running a query).
     */
    void everyCurrentSecretValid(List<String> found) {
        for (var account : accounts) everyCurrentSecretValid(account, found);
    }

    private void everyCurrentSecretValid(SoakAccount account, List<String> found) {
        var format = new JsonCredentialsFormat();
        var secrets = this.secrets.get(account.account());
        var databaseIdentity = databaseIdentities.get(account.account());
        var where = accounts.size() == 1 ? "" : " (account " + account.account() + ")";
        for (var secret : config.rotation().secrets()) {
            var versions = secrets.listSecretVersionIds(r -> r.secretId(secret.secretId())).versions();
            if (versions.isEmpty()) continue; // left out (no PostgreSQL reachable)
            checks++;
            var current = versions.stream().filter(v -> v.versionStages().contains("AWSCURRENT")).count();
            var pending = versions.stream().filter(v -> v.versionStages().contains("AWSPENDING")).count();
            if (current != 1 || pending != 0) {
                found.add(secret.name() + where + ": " + current + " AWSCURRENT, " + pending + " AWSPENDING");
                continue;
            }
            if (secret.type() == SecretType.POSTGRES || secret.type() == SecretType.POSTGRES_SINGLE) {
                var now = databaseIdentity(account.database(), account.master());
                if (databaseIdentity != null && !databaseIdentity.equals(now)) {
                    interference.add(secret.name() + where + ": not checked, another sandbox on this machine recreated "
                            + account.database() + " and its users (" + databaseIdentity + " → " + now + ")");
                    continue;
                }
                // the master's password is never rotated: if the server no longer has it, another sandbox recreated
                // the users (perhaps before this soak looked at the database first)
                if (secret.masterSecretId() != null) {
                    var master = format.read(secrets.getSecretValue(r -> r.secretId(secret.masterSecretId()))
                            .secretString());
                    var masterProblem = loginProblem(master);
                    if (masterProblem != null) {
                        interference.add(secret.name() + where + ": not checked, the master's password "
                                + masterProblem + " (another sandbox on this machine recreated " + account.database()
                                + ")");
                        continue;
                    }
                }
                var login = format.read(secrets.getSecretValue(r -> r.secretId(secret.secretId())).secretString());
                var problem = loginProblem(login);
                if (problem != null) {
                    found.add(secret.name() + where + ": AWSCURRENT (" + login.username() + ") " + problem);
                }
            }
        }
    }

    /**
     * Why {@code login} does not let a client in, or null when it does: a real JDBC login running a query, and (as
     * the machine's server may trust local logins whatever the password) the password checked against the SCRAM
     * verifier the server stores for the user.
     */
    static String loginProblem(dev.shiplane.core.rotation.DatabaseCredentials login) {
        try (var connection = TestPostgres.connect(login.dbname(), login.username(), login.password());
             var rows = connection.createStatement().executeQuery("SELECT 1")) {
            if (!rows.next()) return "logs in, but its query answers no row";
        } catch (java.sql.SQLException e) {
            return "does not log in (" + e.getSQLState() + ")";
        }
        try (var su = TestPostgres.connect("postgres", TestPostgres.SUPERUSER, TestPostgres.SUPERUSER_PASSWORD);
             var query = su.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            query.setString(1, login.username());
            try (var rows = query.executeQuery()) {
                if (!rows.next() || rows.getString(1) == null) return "has no password on the server";
                return ScramVerifier.matches(rows.getString(1), login.password()) ? null
                        : "is not the password the server has";
            }
        } catch (java.sql.SQLException e) {
            return "could not be checked (" + e.getSQLState() + ")";
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Deployments the ledger records as started and not yet ended (succeeded, failed, rolled back…). */
    static List<Map<String, AttributeValue>> unfinished(TestAws aws, String ledgerTable) {
        return aws.dynamo().scan(r -> r.tableName(ledgerTable).consistentRead(true)).items().stream()
                .filter(i -> i.get("type") != null && i.get("type").s().equals("deployment")
                        && i.get("status") != null && i.get("status").s().equals("STARTED")).toList();
    }

    static List<Map<String, AttributeValue>> heads(TestAws aws, String ledgerTable) {
        return aws.dynamo().scan(r -> r.tableName(ledgerTable).consistentRead(true)).items().stream()
                .filter(i -> i.get("type") != null && i.get("type").s().equals("service")).toList();
    }

    private static String type(JsonNode event) {
        return event.path("detail-type").asText();
    }
}
