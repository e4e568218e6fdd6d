package dev.shiplane.testkit;

import dev.shiplane.core.rotation.DatabaseCredentials;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway world on the machine's PostgreSQL (127.0.0.1:5432 as {@code postgres}, unless libpq's {@code PGHOST},
 * {@code PGPORT}, {@code PGUSER} and {@code PGPASSWORD} say otherwise): a database owned by a master user with CREATEROLE, and an
 * application user with a table, all with random names so runs never collide; {@link #close} drops them.
 *
 * <p>When the server is unreachable the tests fail under CI ({@code CI} set: {@code .ci/run} starts PostgreSQL, so
 * that is a broken build) and are skipped with the reason elsewhere.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String HOST = env("PGHOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(env("PGPORT", "5432"));
    public static final String SUPERUSER = env("PGUSER", "postgres");
    public static final String SUPERUSER_PASSWORD = env("PGPASSWORD", "postgres");

    private static final SecureRandom RANDOM = new SecureRandom();

    public final String database;
    public final String master;
    public final String app;
    public final String masterPassword = word(24);
    public final String appPassword = word(24);

    private TestPostgres(String suffix) {
        database = "shiplane_test_" + suffix;
        master = "rotmaster_" + suffix;
        app = "app_" + suffix;
    }

    public static TestPostgres create() {
        requireReachable();
        var pg = new TestPostgres(word(8).toLowerCase());
        try {
            pg.setUp();
        } catch (SQLException e) {
            pg.close();
            throw new IllegalStateException("setting up the test database failed: " + e.getMessage(), e);
        }
        return pg;
    }

    public static void requireReachable() {
        try (var ignored = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            var message = "PostgreSQL at " + HOST + ":" + PORT + " is not reachable as " + SUPERUSER + " ("
                    + e.getMessage() + "). .ci/run starts it; locally: pg_ctlcluster <version> main start, or point"
                    + " PGHOST/PGPORT/PGUSER/PGPASSWORD at one";
            var ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
        }
    }

    private void setUp() throws SQLException {
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

    public DatabaseCredentials master() {
        return new DatabaseCredentials("postgres", HOST, PORT, database, master, masterPassword);
    }

    public DatabaseCredentials app() {
        return new DatabaseCredentials("postgres", HOST, PORT, database, app, appPassword);
    }

    /** The JSON a postgres secret holds for {@code credentials}. */
    public static String secretJson(DatabaseCredentials c) {
        return "{\"engine\":\"postgres\",\"host\":\"" + c.host() + "\",\"port\":" + c.port() + ",\"dbname\":\""
                + c.dbname() + "\",\"username\":\"" + c.username() + "\",\"password\":\"" + c.password() + "\"}";
    }

    public Connection connectAs(String user, String password) throws SQLException {
        return connect(database, user, password);
    }

    /** Whether {@code password} is {@code role}'s password, by the verifier the server stores (not by a login). */
    public boolean passwordIs(String role, String password) {
        try (var su = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD);
             var query = su.prepareStatement("SELECT rolpassword FROM pg_authid WHERE rolname = ?")) {
            query.setString(1, role);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) throw new AssertionError("role " + role + " does not exist");
                var verifier = rows.getString(1);
                return verifier != null && ScramVerifier.matches(verifier, password);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(String role) {
        return bool("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)", role);
    }

    /** Whether {@code role} inherits {@code other}'s privileges (is a member with INHERIT). */
    public boolean hasPrivilegesOf(String role, String other) {
        try (var su = connect(database, SUPERUSER, SUPERUSER_PASSWORD);
             var query = su.prepareStatement("SELECT pg_has_role(?, ?, 'USAGE')")) {
            query.setString(1, role);
            query.setString(2, other);
            try (var rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** False when a host rule lets any password in ({@code trust}), as on this machine. */
    public static boolean refusesWrongPasswords() {
        try (var su = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD); var st = su.createStatement();
             var rows = st.executeQuery("SELECT count(*) FROM pg_hba_file_rules WHERE type LIKE 'host%'"
                     + " AND auth_method = 'trust'")) {
            return rows.next() && rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean bool(String sql, String arg) {
        try (var su = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD); var query = su.prepareStatement(sql)) {
            query.setString(1, arg);
            try (var rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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

    public static Connection connect(String database, String user, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, properties);
    }

    public static String word(int length) {
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
