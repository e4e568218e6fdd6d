package dev.shiplane.core.fakes;

import dev.shiplane.core.rotation.CredentialsFormat;
import dev.shiplane.core.rotation.DatabaseCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value;…} instead of JSON, so the domain's tests need no JSON library. Keeps unknown keys. */
public final class KeyValueCredentialsFormat implements CredentialsFormat {

    public static String of(String host, int port, String dbname, String username, String password) {
        return "engine=postgres;host=" + host + ";port=" + port + ";dbname=" + dbname + ";username=" + username
                + ";password=" + password;
    }

    @Override
    public DatabaseCredentials read(String secretValue) {
        var m = parse(secretValue);
        return new DatabaseCredentials(m.get("engine"), m.get("host"), Integer.parseInt(m.get("port")), m.get("dbname"),
                m.get("username"), m.get("password"));
    }

    @Override
    public String withLogin(String secretValue, String username, String password) {
        var m = parse(secretValue);
        m.put("username", username);
        m.put("password", password);
        var out = new StringBuilder();
        m.forEach((k, v) -> out.append(out.isEmpty() ? "" : ";").append(k).append('=').append(v));
        return out.toString();
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (var pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("not key=value");
            m.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return m;
    }
}
