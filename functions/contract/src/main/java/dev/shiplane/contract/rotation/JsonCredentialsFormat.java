package dev.shiplane.contract.rotation;

import dev.shiplane.contract.json.JsonParser;
import dev.shiplane.contract.json.JsonSyntaxException;
import dev.shiplane.contract.json.JsonValue;
import dev.shiplane.contract.json.JsonValue.JsonNull;
import dev.shiplane.contract.json.JsonValue.JsonNumber;
import dev.shiplane.contract.json.JsonValue.JsonObject;
import dev.shiplane.contract.json.JsonValue.JsonString;
import dev.shiplane.contract.json.JsonWriter;
import dev.shiplane.core.rotation.CredentialsFormat;
import dev.shiplane.core.rotation.DatabaseCredentials;

/**
 * The JSON of a database secret as Secrets Manager's RDS rotation templates write it:
 * {@code {"engine","host","port","dbname","username","password"}}, {@code port} a number (a string is accepted).
 * Other fields ({@code dbInstanceIdentifier}, {@code masterarn}, …) are kept when the login is replaced. Errors name
 * the field, never the document: it holds a password.
 */
public final class JsonCredentialsFormat implements CredentialsFormat {

    @Override
    public DatabaseCredentials read(String secretValue) {
        var doc = parse(secretValue);
        var port = doc.get("port");
        int portNumber;
        if (port instanceof JsonNumber number && number.text().matches("\\d{1,5}")) {
            portNumber = Integer.parseInt(number.text());
        } else if (port instanceof JsonString text && text.value().matches("\\d{1,5}")) {
            portNumber = Integer.parseInt(text.value());
        } else if (port == null || port instanceof JsonNull) {
            portNumber = 5432;
        } else {
            throw new IllegalArgumentException("database secret: port is not a port number");
        }
        return new DatabaseCredentials(optional(doc, "engine", "postgres"), required(doc, "host"), portNumber,
                optional(doc, "dbname", "postgres"), required(doc, "username"), required(doc, "password"));
    }

    @Override
    public String withLogin(String secretValue, String username, String password) {
        var members = new java.util.LinkedHashMap<String, JsonValue>(parse(secretValue).members());
        members.put("username", new JsonString(username));
        members.put("password", new JsonString(password));
        return JsonWriter.write(new JsonObject(members));
    }

    private static JsonObject parse(String secretValue) {
        JsonValue doc;
        try {
            doc = JsonParser.parse(secretValue);
        } catch (JsonSyntaxException e) {
            // The parser's message may quote a character of the text, which could be part of the password.
            throw new IllegalArgumentException("database secret is not a JSON object"
                    + (e.line() == 0 ? "" : " (line " + e.line() + ", column " + e.column() + ")"));
        }
        if (!(doc instanceof JsonObject object)) {
            throw new IllegalArgumentException("database secret is not a JSON object");
        }
        return object;
    }

    private static String required(JsonObject doc, String field) {
        if (!(doc.get(field) instanceof JsonString value) || value.value().isBlank()) {
            throw new IllegalArgumentException("database secret: " + field + " is missing or not a string");
        }
        return value.value();
    }

    private static String optional(JsonObject doc, String field, String fallback) {
        return doc.get(field) instanceof JsonString value && !value.value().isBlank() ? value.value() : fallback;
    }
}
