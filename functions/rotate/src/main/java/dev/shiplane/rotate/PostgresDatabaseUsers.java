package dev.shiplane.rotate;

import dev.shiplane.core.rotation.DatabaseUsers;
import dev.shiplane.core.rotation.DatabaseCredentials;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * {@link DatabaseUsers} on PostgreSQL over JDBC.
 *
 * <p>Passwords are set with pgjdbc's {@code alterUserPassword}, which computes the SCRAM-SHA-256 verifier here and
 * sends only the verifier: the password is in no SQL text, so neither the server's statement log nor an error
 * message can quote it. The clone of the alternating strategy is a member of the base user and its sessions run as
 * the base user, so what either creates (a migration's tables) belongs to the base user and stays usable after the
 * next flip.
 */
public final class PostgresDatabaseUsers implements DatabaseUsers {

    /** SQLSTATE class 28: invalid authorization (28P01 wrong password, 28000 no such login / not allowed). */
    private static final String AUTHORIZATION_CLASS = "28";
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String UNDEFINED_PARAMETER = "42704";
    /** First key of shiplane's advisory locks ("SHPL"), so they cannot collide with an application's own. */
    private static final int LOCK_CLASS = 0x5348504C;
    private static final java.sql.Driver POSTGRES = new org.postgresql.Driver();

    private final Duration timeout;
    private final Duration lockIdleLimit;

    /**
     * @param timeout       how long connecting and each statement may take
     * @param lockIdleLimit how long the server keeps a lock whose session went quiet (a holder that timed out or was
     *                      frozen mid-rotation); longer than a rotation takes
     */
    public PostgresDatabaseUsers(Duration timeout, Duration lockIdleLimit) {
        this.timeout = timeout;
        this.lockIdleLimit = lockIdleLimit;
    }

    @Override
    public void ensureUserLike(DatabaseCredentials admin, String username, String likeUser) {
        try (var connection = connect(admin); var statement = connection.createStatement()) {
            boolean exists;
            try (var query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, username);
                try (var rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try {
                    statement.execute("CREATE ROLE " + identifier(username) + " WITH LOGIN");
                } catch (SQLException e) {
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState())) throw e; // a concurrent run created it
                }
            }
            statement.execute("GRANT " + identifier(likeUser) + " TO " + identifier(username));
            statement.execute("ALTER ROLE " + identifier(username) + " SET role TO " + literal(likeUser));
        } catch (SQLException e) {
            throw failure("creating user " + username + " like " + likeUser, admin, e);
        }
    }

    @Override
    public void setPassword(DatabaseCredentials admin, String username, String password) {
        try (var connection = connect(admin)) {
            connection.unwrap(PGConnection.class).alterUserPassword(username, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw failure("setting the password of " + username, admin, e);
        }
    }

    @Override
    public void testLogin(DatabaseCredentials credentials) {
        try (var connection = connect(credentials); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT 1")) {
            if (!rows.next()) throw new IllegalStateException("SELECT 1 returned no row");
        } catch (SQLException e) {
            throw failure("logging in", credentials, e);
        }
    }

    /** A session-level advisory lock, held by a connection of its own and released by closing it. */
    @Override
    public <T> Optional<T> exclusively(DatabaseCredentials admin, String lockName, Supplier<T> work) {
        Connection connection = null;
        try {
            connection = connect(admin);
            try (var statement = connection.createStatement()) {
                statement.execute("SET idle_session_timeout = '" + Math.max(1, lockIdleLimit.toSeconds()) + "s'");
            } catch (SQLException olderThan14) {
                if (!UNDEFINED_PARAMETER.equals(olderThan14.getSQLState())) throw olderThan14;
            }
            boolean locked;
            try (var query = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                query.setInt(1, LOCK_CLASS);
                query.setString(2, lockName);
                try (var rows = query.executeQuery()) {
                    locked = rows.next() && rows.getBoolean(1);
                }
            }
            if (!locked) return Optional.empty();
            try {
                return Optional.ofNullable(work.get());
            } finally {
                unlock(connection, lockName);
            }
        } catch (SQLException e) {
            throw failure("taking lock " + lockName, admin, e);
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the server releases the lock with the session either way
                }
            }
        }
    }

    /**
     * Releases the lock before the connection closes: the server releases a session's locks only once its backend
     * has exited, after the close, so a rotation right after this one could otherwise find the lock still held.
     */
    private static void unlock(Connection connection, String lockName) {
        try (var query = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            query.setInt(1, LOCK_CLASS);
            query.setString(2, lockName);
            query.execute();
        } catch (SQLException closingReleasesItAnyway) {
            // the session's end releases the lock all the same, only later
        }
    }

    private Connection connect(DatabaseCredentials credentials) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        var seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "shiplane-rotate");
        // The driver is called directly rather than found through DriverManager: its service-file registration is
        // global to the JVM and filtered by class loader, and a packaging step that drops the service-loaded class
        // would surface only as "No suitable driver" on the first rotation in AWS.
        return POSTGRES.connect("jdbc:postgresql://" + credentials.host() + ":" + credentials.port() + "/"
                + credentials.dbname(), properties);
    }

    private static RuntimeException failure(String what, DatabaseCredentials as, SQLException e) {
        var state = e.getSQLState() == null ? "" : e.getSQLState();
        var message = what + " as " + as.username() + " at " + as.where() + " failed (" + state + "): "
                + e.getMessage();
        if (state.startsWith(AUTHORIZATION_CLASS)) {
            return new LoginRefusedException(message);
        }
        return new IllegalStateException(message, e);
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
