package dev.shiplane.core.rotation;

/**
 * The login a {@code postgres} secret holds, in the layout of Secrets Manager's RDS rotation templates
 * ({@code {engine, host, port, dbname, username, password}}). {@link #toString()} leaves the password out, so a
 * record that reaches a log line or an exception message does not carry it.
 */
public record DatabaseCredentials(String engine, String host, int port, String dbname, String username,
                                  String password) {

    /** The same login, connected to another database of the same server. */
    public DatabaseCredentials onDatabase(String otherDbname) {
        return new DatabaseCredentials(engine, host, port, otherDbname, username, password);
    }

    public String where() {
        return host + ":" + port + "/" + dbname;
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[" + username + "@" + where() + ", password=****]";
    }
}
