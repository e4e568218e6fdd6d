package dev.shiplane.core.rotation;

import dev.shiplane.core.config.SecretSpec;
import java.util.Optional;

/**
 * {@code postgres-single}: one user whose password changes in place (meant for the master user, which has no twin).
 * Not zero-downtime: from setSecret until consumers restart, new connections with the old password fail. The user
 * changes its own password, or the master user does when {@code masterSecretId} is set.
 */
final class PostgresSingleUserRotation implements SecretKindRotation {

    private final SecretVault vault;
    private final DatabaseUsers database;
    private final CredentialsFormat format;

    PostgresSingleUserRotation(SecretVault vault, DatabaseUsers database, CredentialsFormat format) {
        this.vault = vault;
        this.database = database;
        this.format = format;
    }

    @Override
    public String createPending(SecretSpec secret, String current, Redaction sensitive) {
        var credentials = format.read(current);
        sensitive.add(credentials.password());
        var password = vault.randomPassword(PasswordPolicy.of(secret));
        sensitive.add(password);
        var pending = format.withLogin(current, credentials.username(), password);
        sensitive.add(pending);
        return pending;
    }

    @Override
    public void set(SecretSpec secret, String current, String pending, Redaction sensitive) {
        var now = format.read(current);
        var next = format.read(pending);
        sensitive.add(now.password());
        sensitive.add(next.password());
        if (secret.masterSecretId() != null && !secret.masterSecretId().isBlank()) {
            var masterValue = vault.valueAt(secret.masterSecretId(), SecretVersions.CURRENT);
            sensitive.add(masterValue);
            var master = format.read(masterValue);
            sensitive.add(master.password());
            database.setPassword(master.onDatabase(next.dbname()), next.username(), next.password());
            return;
        }
        try {
            database.setPassword(now, next.username(), next.password());
        } catch (DatabaseUsers.LoginRefusedException alreadyChanged) {
            // A run that crashed after changing the password left the current one refused: the pending one logs in.
            database.setPassword(next, next.username(), next.password());
        }
    }

    @Override
    public void test(SecretSpec secret, String current, String pending, Redaction sensitive) {
        var next = format.read(pending);
        sensitive.add(next.password());
        database.testLogin(next);
    }

    /** The master user: the one login every run of this rotation shares, whatever the state of the app users. */
    @Override
    public Optional<DatabaseCredentials> lockHolder(SecretSpec secret, Redaction sensitive) {
        if (secret.masterSecretId() == null || secret.masterSecretId().isBlank()) return Optional.empty();
        var value = vault.valueAt(secret.masterSecretId(), SecretVersions.CURRENT);
        sensitive.add(value);
        var master = format.read(value);
        sensitive.add(master.password());
        return Optional.of(master);
    }
}
