package dev.shiplane.core.rotation;

import dev.shiplane.core.config.SecretSpec;
import java.util.Optional;

/**
 * {@code postgres}: alternating users. The pending credentials name the user the current ones do not ({@code app}
 * ↔ {@code app_clone}) with a new password; only that user's password changes, so every connection and every task
 * still holding the current credentials keeps working through the rotation and until the next one. The clone is
 * created on first use, by the master user, with the base user's privileges.
 */
final class PostgresAlternatingRotation implements SecretKindRotation {

    private final SecretVault vault;
    private final DatabaseUsers database;
    private final CredentialsFormat format;

    PostgresAlternatingRotation(SecretVault vault, DatabaseUsers database, CredentialsFormat format) {
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
        var pending = format.withLogin(current, AlternatingUsers.next(credentials.username()), password);
        sensitive.add(pending);
        return pending;
    }

    @Override
    public void set(SecretSpec secret, String current, String pending, Redaction sensitive) {
        var next = format.read(pending);
        sensitive.add(next.password());
        var admin = master(secret, next, sensitive);
        if (AlternatingUsers.isClone(next.username())) {
            database.ensureUserLike(admin, next.username(), AlternatingUsers.base(next.username()));
        }
        database.setPassword(admin, next.username(), next.password());
    }

    @Override
    public void test(SecretSpec secret, String current, String pending, Redaction sensitive) {
        var next = format.read(pending);
        sensitive.add(next.password());
        if (next.username().equals(format.read(current).username())) {
            throw new IllegalStateException("pending credentials of " + secret.name() + " name the current user "
                    + next.username() + ": alternating rotation would break its connections");
        }
        database.testLogin(next);
    }

    /** The master user, connected to the application's database (where the grants live). */
    private DatabaseCredentials master(SecretSpec secret, DatabaseCredentials app, Redaction sensitive) {
        var value = vault.valueAt(secret.masterSecretId(), SecretVersions.CURRENT);
        sensitive.add(value);
        var master = format.read(value);
        sensitive.add(master.password());
        return master.onDatabase(app.dbname());
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
