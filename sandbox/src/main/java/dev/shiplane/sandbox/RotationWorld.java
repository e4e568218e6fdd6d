package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.testkit.TestAws;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secrets of {@code rotation.secrets}, created in the emulator before the story so that its monthly rotation has
 * something to rotate. A {@code postgres} secret points at the sandbox database on the machine's PostgreSQL
 * ({@link SandboxPostgres}). When that server is unreachable the sandbox says so and leaves the database secrets
 * out: the functions get a copy of the configuration without them, so the other secrets still rotate and the run
 * still ends cleanly (a rotation against a missing server would only fail, be retried and be dead-lettered).
 */
final class RotationWorld {

    /** The application user of the sandbox database (its twin is {@code monynha_app_clone}). */
    static final String APP_USER = "monynha_app";

    private RotationWorld() {}

    /** @return the configuration file the functions should read */
    static Path prepare(TestAws aws, ShiplaneConfig config, Path configFile, Path workDir, Timeline timeline)
            throws IOException, SQLException {
        return prepare(aws, config, configFile, workDir, timeline, new SandboxPostgres(), APP_USER, "");
    }

    /**
     * The same secrets in another account, whose delivery stack rotates its own (its database secret on a database
     * of its own, {@code shiplane_sandbox_<account>}, with application user {@code monynha_app_<account>}).
     * Call it with the configuration file {@link #prepare} returned: a database secret left out there stays out.
     */
    static void prepareIn(String account, TestAws aws, ShiplaneConfig config, Path configFile, Path workDir,
                          Timeline timeline) throws IOException, SQLException {
        prepare(aws, config, configFile, workDir, timeline, new SandboxPostgres(SandboxPostgres.DATABASE + "_"
                + account, SandboxPostgres.MASTER + "_" + account), APP_USER + "_" + account, "account " + account
                + ": ");
    }

    private static Path prepare(TestAws aws, ShiplaneConfig config, Path configFile, Path workDir, Timeline timeline,
                                SandboxPostgres postgres, String appUser, String where) throws IOException, SQLException {
        var secrets = config.rotation().secrets();
        if (secrets.isEmpty()) return configFile;
        var secretsManager = aws.build(SecretsManagerClient.builder());
        var databaseSecrets = secrets.stream().filter(RotationWorld::isDatabase).toList();
        var unreachable = databaseSecrets.isEmpty() ? java.util.Optional.<String>empty() : postgres.unreachable();
        var created = new java.util.LinkedHashSet<String>();
        List<String> left = new ArrayList<>();
        dev.shiplane.core.rotation.DatabaseCredentials[] logins = null;
        for (var secret : secrets) {
            if (isDatabase(secret)) {
                if (unreachable.isPresent()) {
                    left.add(secret.name());
                    continue;
                }
                if (logins == null) logins = postgres.recreate(appUser);
                if (secret.masterSecretId() != null && created.add(secret.masterSecretId())) {
                    create(secretsManager, secret.masterSecretId(), SandboxPostgres.secretJson(logins[0]));
                }
                create(secretsManager, secret.secretId(), SandboxPostgres.secretJson(logins[1]));
            } else {
                create(secretsManager, secret.secretId(), SandboxPostgres.password());
            }
            created.add(secret.secretId());
        }
        timeline.say("  secrets    " + where + String.join(", ", created) + " (Secrets Manager, in the emulator)");
        if (unreachable.isPresent()) {
            timeline.say("  postgres   " + where + "NOT REACHABLE at " + postgres.host + ":" + postgres.port + " ("
                    + unreachable.get() + "): " + String.join(", ", left) + " left out of the rotation");
            return withoutSecrets(configFile, left, workDir.resolve("shiplane-without-postgres.yml"));
        }
        if (!databaseSecrets.isEmpty()) {
            timeline.say("  postgres   " + where + postgres.host + ":" + postgres.port + "/" + postgres.database()
                    + " (user " + appUser + ", master " + postgres.master() + "; recreated for this run)");
        }
        return configFile;
    }

    private static boolean isDatabase(SecretSpec secret) {
        return secret.type() == SecretType.POSTGRES || secret.type() == SecretType.POSTGRES_SINGLE;
    }

    private static void create(SecretsManagerClient secretsManager, String id, String value) {
        secretsManager.createSecret(r -> r.name(id).secretString(value));
    }

    private static Path withoutSecrets(Path configFile, List<String> names, Path copy) throws IOException {
        var yaml = new ObjectMapper(new YAMLFactory());
        var document = (ObjectNode) yaml.readTree(configFile.toFile());
        var secrets = (ObjectNode) document.path("rotation").path("secrets");
        names.forEach(secrets::remove);
        yaml.writeValue(copy.toFile(), document);
        return copy;
    }
}
