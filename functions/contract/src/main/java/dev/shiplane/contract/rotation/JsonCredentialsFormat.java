package dev.shiplane.contract.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplane.contract.MalformedJsonException;
import dev.shiplane.contract.ShiplaneJson;
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
        var port = doc.path("port");
        int portNumber;
        if ((port.isIntegralNumber() || port.isTextual()) && port.asText().matches("\\d{1,5}")) {
            portNumber = Integer.parseInt(port.asText());
        } else if (port.isMissingNode() || port.isNull()) {
            portNumber = 5432;
        } else {
            throw new IllegalArgumentException("database secret: port is not a port number");
        }
        return new DatabaseCredentials(optional(doc, "engine", "postgres"), required(doc, "host"), portNumber,
                optional(doc, "dbname", "postgres"), required(doc, "username"), required(doc, "password"));
    }

    @Override
    public String withLogin(String secretValue, String username, String password) {
        var doc = parse(secretValue);
        doc.put("username", username);
        doc.put("password", password);
        return ShiplaneJson.write(doc);
    }

    private static ObjectNode parse(String secretValue) {
        JsonNode doc;
        try {
            doc = ShiplaneJson.tree(secretValue);
        } catch (MalformedJsonException e) {
            // Jackson's message may quote a character of the text, which could be part of the password.
            throw new IllegalArgumentException("database secret is not a JSON object"
                    + (e.line() == 0 ? "" : " (line " + e.line() + ", column " + e.column() + ")"));
        }
        if (!(doc instanceof ObjectNode object)) {
            throw new IllegalArgumentException("database secret is not a JSON object");
        }
        return object;
    }

    private static String required(JsonNode doc, String field) {
        var value = doc.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("database secret: " + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static String optional(JsonNode doc, String field, String fallback) {
        var value = doc.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : fallback;
    }
}
