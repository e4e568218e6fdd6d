package dev.shiplane.reliability;

import dev.shiplane.contract.rotation.JsonCredentialsFormat;
import dev.shiplane.core.rotation.DatabaseCredentials;
import dev.shiplane.rotate.RotateHandler;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;

/**
 * The rotation function's world (as functions/rotate's RotateHandlerIT builds it): on the machine's PostgreSQL
 * (127.0.0.1:5432 as {@code postgres}, or libpq's PG* variables) a database owned by a master user with CREATEROLE
 * and an application user, random names so runs never collide; in moto, the application's Postgres password
 * secret, its master secret and an API key, the bus tapped; the real rotation handler with the functions' access key.
 * {@link #close} drops the database and roles.
 */
final class RotationWorld implements AutoCloseable {

    static final String HOST = env("PGHOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(env("PGPORT", "5432"));
    static final String SUPERUSER = env("PGUSER", "postgres");
    static final String SUPERUSER_PASSWORD = env("PGPASSWORD", "postgres");
    static final String DB_SECRET = "it/db-password";
    static final String MASTER_SECRET = "it/db-master";
    static final String KEY_SECRET = "it/api-key";
    static final List<String> SECRETS = List.of(DB_SECRET, MASTER_SECRET, KEY_SECRET);
    /** The managed secrets by name, and the consumers shiplane.yml below gives them. */
    static final Map<String, List<String>> ROTATED = Map.of("db-password", List.of("api", "web"),
            "api-key", List.of("web"));
    static final List<String> ENVIRONMENTS = List.of("staging", "prod");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonCredentialsFormat FORMAT = new JsonCredentialsFormat();

    final String suffix = word(8).toLowerCase(java.util.Locale.ROOT);
    final String database = "shiplane_rel_" + suffix;
    final String master = "relmaster_" + suffix;
    final String app = "relapp_" + suffix;
    final String masterPassword = word(24);
    final String appPassword = word(24);
    final String apiKey = word(40);
    final SecretsManagerClient secrets;
    final BusTap tap;
    final RotateHandler handler;

    RotationWorld(TestAws aws, Path dir) {
        requireReachable();
        try {
            setUpDatabase();
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("setting up the test database failed: " + e.getMessage(), e);
        }
        secrets = aws.build(SecretsManagerClient.builder());
        secrets.createSecret(r -> r.name(DB_SECRET).secretString(secretJson(app, appPassword)));
        secrets.createSecret(r -> r.name(MASTER_SECRET).secretString(secretJson(master, masterPassword)));
        secrets.createSecret(r -> r.name(KEY_SECRET).secretString(apiKey));
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        var config = dir.resolve("shiplane-" + suffix + ".yml");
        try {
            Files.writeString(config, """
                    environments:
                      staging: {cluster: it-staging, tagPolicy: {any: true}}
                      prod: {cluster: it-prod, tagPolicy: {any: true}}
                    services:
                      web: {repository: it/web, container: web}
                      api: {repository: it/api, container: api}
                    rotation:
                      secrets:
                        db-password: {secretId: %s, type: postgres, masterSecretId: %s, consumers: [api, web]}
                        api-key: {secretId: %s, type: api-key, length: 40, consumers: [web]}
                    """.formatted(DB_SECRET, MASTER_SECRET, KEY_SECRET));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handler = new RotateHandler(aws.environment(Map.of("SHIPLANE_CONFIG_FILE", config.toString(),
                "SHIPLANE_BUS_NAME", "shiplane", "POWERTOOLS_METRICS_DISABLED", "true",
                "AWS_ACCESS_KEY_ID", FunctionCalls.ACCESS_KEY,
                // as DeliveryWorld: one retry, and an attempt timeout an injected timeout outlasts
                "AWS_MAX_ATTEMPTS", "2",
                dev.shiplane.aws.AwsClients.API_CALL_ATTEMPT_TIMEOUT_MS, String.valueOf(DeliveryWorld.ATTEMPT_TIMEOUT_MS),
                dev.shiplane.aws.AwsClients.API_CALL_TIMEOUT_MS, "10000")));
    }

    // ---- observed state

    List<SecretVersionsListEntry> versions(String secretId) {
        return secrets.listSecretVersionIds(r -> r.secretId(secretId).includeDeprecated(true)).versions();
    }

    String value(String secretId, String stage) {
        return secrets.getSecretValue(r -> r.secretId(secretId).versionStage(stage)).secretString();
    }

    /** Every value any version of any of the world's secrets holds, and the passwords inside the database ones. */
    Set<String> everySecretValue() {
        Set<String> values = new LinkedHashSet<>(List.of(appPassword, masterPassword, apiKey));
        for (var secret : SECRETS) {
            for (var version : versions(secret)) {
                var value = secrets.getSecretValue(r -> r.secretId(secret).versionId(version.versionId())
                        .versionStage(version.versionStages().isEmpty() ? null : version.versionStages().getFirst()))
                        .secretString();
                values.add(value);
                if (value.startsWith("{")) values.add(FORMAT.read(value).password());
            }
        }
        return values;
    }

    DatabaseCredentials credentials(String stage) {
        return FORMAT.read(value(DB_SECRET, stage));
    }

    /**
     * Whether {@code credentials} let a client in: a real JDBC login to the application database running a query,
     * and (as the machine's server trusts local logins whatever the password) the password checked against the
     * SCRAM verifier the server stores for the user.
     */
    boolean logsIn(DatabaseCredentials credentials) {
        try (var connection = connect(credentials.dbname(), credentials.username(), credentials.password());
             var st = connection.createStatement(); var rows = st.executeQuery("SELECT count(*) FROM notes")) {
            if (!rows.next()) return false;
        } catch (SQLException e) {
            return false;
        }
        try (var su = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD);
             var query = su.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            query.setString(1, credentials.username());
            try (var rows = query.executeQuery()) {
                return rows.next() && rows.getString(1) != null
                        && ScramVerifier.matches(rows.getString(1), credentials.password());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the database

    private void setUpDatabase() throws SQLException {
        try (var su = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD); var st = su.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE " + master + " LOGIN CREATEROLE PASSWORD '" + masterPassword + "'");
            st.execute("CREATE DATABASE " + database + " OWNER " + master);
        }
        try (var m = connect(database, master, masterPassword); var st = m.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE " + app + " LOGIN PASSWORD '" + appPassword + "'");
            st.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + app);
        }
        try (var a = connect(database, app, appPassword); var st = a.createStatement()) {
            st.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)");
            st.execute("INSERT INTO notes (body) VALUES ('written before any rotation')");
        }
    }

    private String secretJson(String user, String password) {
        return "{\"engine\":\"postgres\",\"host\":\"" + HOST + "\",\"port\":" + PORT + ",\"dbname\":\"" + database
                + "\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    /** Skips where no PostgreSQL runs, unless under CI ({@code .ci/run} starts one): there that is a broken build. */
    static void requireReachable() {
        try (var ignored = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            var message = "PostgreSQL at " + HOST + ":" + PORT + " is not reachable as " + SUPERUSER + " ("
                    + e.getMessage() + ")";
            var ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) throw new IllegalStateException(message, e);
            Assumptions.abort(message);
        }
    }

    @Override
    public void close() {
        try (var su = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD); var st = su.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("DROP ROLE IF EXISTS " + app + "_clone");
            st.execute("DROP ROLE IF EXISTS " + app);
            st.execute("DROP ROLE IF EXISTS " + master);
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the test database and roles failed: " + e.getMessage(), e);
        }
    }

    static Connection connect(String database, String user, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, properties);
    }

    static String word(int length) {
        var alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var out = new StringBuilder();
        out.append(alphabet.charAt(RANDOM.nextInt(26)));
        while (out.length() < length) out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return out.toString();
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
