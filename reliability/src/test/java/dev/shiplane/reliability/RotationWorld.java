package dev.shiplane.reliability;

import dev.shiplane.contract.environment.CommonEnvironment;
import dev.shiplane.testkit.ScramVerifier;
import dev.shiplane.contract.rotation.JsonCredentialsFormat;
import dev.shiplane.core.rotation.DatabaseCredentials;
import dev.shiplane.rotate.RotateHandler;
import dev.shiplane.testkit.BusTap;
import dev.shiplane.testkit.TestAws;
import dev.shiplane.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;

/**
 * The rotation function's world (as functions/rotate's RotateHandlerIT builds it): a throwaway database on the
 * machine's PostgreSQL ({@link TestPostgres}: a master user with CREATEROLE and an application user); in moto, the
 * application's Postgres password secret, its master secret and an API key, the bus tapped; the real rotation handler
 * with the functions' access key. {@link #close} drops the database and roles.
 */
final class RotationWorld implements AutoCloseable {

    static final String DB_SECRET = "it/db-password";
    static final String MASTER_SECRET = "it/db-master";
    static final String KEY_SECRET = "it/api-key";
    static final List<String> SECRETS = List.of(DB_SECRET, MASTER_SECRET, KEY_SECRET);
    /** The managed secrets by name, and the consumers shiplane.yml below gives them. */
    static final Map<String, List<String>> ROTATED = Map.of("db-password", List.of("api", "web"),
            "api-key", List.of("web"));
    static final List<String> ENVIRONMENTS = List.of("staging", "prod");

    private static final JsonCredentialsFormat FORMAT = new JsonCredentialsFormat();

    /** The database, its master user and the application user the rotated secret belongs to. */
    final TestPostgres pg;
    final String app;
    final String apiKey = TestPostgres.word(40);
    final SecretsManagerClient secrets;
    final BusTap tap;
    final RotateHandler handler;

    RotationWorld(TestAws aws, Path dir) {
        this(aws, dir, TestPostgres.PORT);
    }

    /**
     * @param dbPort the port the database secrets name: the server's, or a {@link PostgresFaultProxy}'s in front of
     *               it (the test's own checks connect to the server directly)
     */
    RotationWorld(TestAws aws, Path dir, int dbPort) {
        pg = TestPostgres.create();
        app = pg.app;
        try {
            secrets = aws.build(SecretsManagerClient.builder());
        secrets.createSecret(r -> r.name(DB_SECRET).secretString(TestPostgres.secretJson(atPort(pg.app(), dbPort))));
        secrets.createSecret(r -> r.name(MASTER_SECRET)
                .secretString(TestPostgres.secretJson(atPort(pg.master(), dbPort))));
        secrets.createSecret(r -> r.name(KEY_SECRET).secretString(apiKey));
        aws.createBus("shiplane");
        tap = aws.tap("shiplane", "tap", "{\"source\":[\"shiplane\"]}");
        var config = dir.resolve("shiplane-" + pg.database + ".yml");
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
                CommonEnvironment.AWS_API_CALL_ATTEMPT_TIMEOUT_MS, String.valueOf(DeliveryWorld.ATTEMPT_TIMEOUT_MS),
                CommonEnvironment.AWS_API_CALL_TIMEOUT_MS, "10000")));
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private static DatabaseCredentials atPort(DatabaseCredentials c, int port) {
        return new DatabaseCredentials(c.engine(), c.host(), port, c.dbname(), c.username(), c.password());
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
        Set<String> values = new LinkedHashSet<>(List.of(pg.appPassword, pg.masterPassword, apiKey));
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
        try (var connection = TestPostgres.connect(credentials.dbname(), credentials.username(), credentials.password());
             var st = connection.createStatement(); var rows = st.executeQuery("SELECT count(*) FROM notes")) {
            if (!rows.next()) return false;
        } catch (SQLException e) {
            return false;
        }
        try (var su = TestPostgres.connect("postgres", TestPostgres.SUPERUSER, TestPostgres.SUPERUSER_PASSWORD);
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

    @Override
    public void close() {
        pg.close();
    }
}
