package dev.shiplane.sandbox;

import dev.shiplane.core.rotation.DatabaseCredentials;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The sandbox's database on the machine's PostgreSQL (127.0.0.1:5432 as {@code postgres}, or libpq's {@code PGHOST},
 * {@code PGPORT}, {@code PGUSER}, {@code PGPASSWORD}): database {@value #DATABASE}, owned by a master user that may
 * create roles, and the application user whose password the story rotates. Dropped and created again on every run,
 * so a run never depends on what the last one left behind; the names are the sandbox's own, never a real
 * application's.
 */
final class SandboxPostgres {

    static final String DATABASE = "shiplane_sandbox";
    static final String MASTER = "shiplane_sandbox_master";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String database;
    private final String master;

    /** The sandbox database of moto's default account. */
    SandboxPostgres() {
        this(DATABASE, MASTER);
    }

    /** Another account's own database (and master user) on the same server: each account keeps its own. */
    SandboxPostgres(String database, String master) {
        this.database = database;
        this.master = master;
    }

    final String host = env("PGHOST", "127.0.0.1");
    final int port = Integer.parseInt(env("PGPORT", "5432"));
    private final String superuser = env("PGUSER", "postgres");
    private final String superuserPassword = env("PGPASSWORD", "postgres");

    String database() {
        return database;
    }

    String master() {
        return master;
    }

    /** Why the server cannot be used, or empty when it can. */
    Optional<String> unreachable() {
        try (var ignored = connect("postgres", superuser, superuserPassword)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Drops what an earlier run left and creates the database, the master user and {@code appUser} (with a table).
     *
     * @return the master's and the application user's credentials
     */
    DatabaseCredentials[] recreate(String appUser) throws SQLException {
        var masterPassword = password();
        var appPassword = password();
        try (var su = connect("postgres", superuser, superuserPassword); var st = su.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS " + appUser + "_clone");
            st.execute("DROP ROLE IF EXISTS " + appUser);
            st.execute("DROP ROLE IF EXISTS " + master);
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE " + master + " LOGIN CREATEROLE PASSWORD '" + masterPassword + "'");
            st.execute("CREATE DATABASE " + database + " OWNER " + master);
        }
        try (var owner = connect(database, master, masterPassword); var st = owner.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("CREATE ROLE " + appUser + " LOGIN PASSWORD '" + appPassword + "'");
            st.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + appUser);
        }
        try (var app = connect(database, appUser, appPassword); var st = app.createStatement()) {
            st.execute("CREATE TABLE orders (id serial PRIMARY KEY, placed_at timestamptz NOT NULL DEFAULT now())");
            st.execute("INSERT INTO orders DEFAULT VALUES");
        }
        return new DatabaseCredentials[] {
                new DatabaseCredentials("postgres", host, port, database, master, masterPassword),
                new DatabaseCredentials("postgres", host, port, database, appUser, appPassword)};
    }

    /** The JSON a postgres secret holds, as Secrets Manager's RDS rotation templates write it. */
    static String secretJson(DatabaseCredentials c) {
        return "{\"engine\":\"postgres\",\"host\":\"" + c.host() + "\",\"port\":" + c.port() + ",\"dbname\":\""
                + c.dbname() + "\",\"username\":\"" + c.username() + "\",\"password\":\"" + c.password() + "\"}";
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    static String password() {
        var alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var out = new StringBuilder();
        for (int i = 0; i < 32; i++) out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return out.toString();
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
