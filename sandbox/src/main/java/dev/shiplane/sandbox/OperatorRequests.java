package dev.shiplane.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shiplane.testkit.AwsEmulator;
import dev.shiplane.testkit.FunctionUrlStandIn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's operator entry in the sandbox: its template's operator function, hosted here, behind the {@code AWS_IAM}
 * Function URL whose part {@link FunctionUrlStandIn} plays (it checks each signature with the secret of the key the
 * emulator issued and names the key's holder, as Lambda does). Every operator request of the story reaches shiplane
 * this way, at the entry of the account of the environment it is about (prod's requests at prod's account's entry):
 * the CLI, pointed at the stand-in's URL, signs as the operator the story plays ({@link OperatorIdentities}); a story
 * file that is an operator request as the catalogue documents it ({@code Rollback Requested} & co.) is the same
 * request made with the CLI as the operator its {@code requestedBy} names, never put on the bus directly.
 */
final class OperatorRequests implements AutoCloseable {

    /** The detail-types an operator asks for, and the CLI command that asks. */
    private static final Map<String, String> COMMANDS = Map.of("Deploy Requested", "deploy",
            "Rollback Requested", "rollback", "Promote Requested", "promote", "Abort Requested", "abort",
            "Pause Requested", "pause", "Resume Requested", "resume");

    /** An operator's request as a CLI run: who asks (an ARN, or blank for the harness) and the command line. */
    record Run(String as, List<String> args) {}

    private final OperatorIdentities identities;
    private final FunctionUrlStandIn url;

    private OperatorRequests(OperatorIdentities identities, FunctionUrlStandIn url) {
        this.identities = identities;
        this.url = url;
    }

    /**
     * Puts {@code account}'s operator function behind a Function URL that takes the keys {@code identities} issues
     * (the operators of that account).
     */
    static OperatorRequests start(String account, FunctionHost operatorFunction, OperatorIdentities identities) {
        var url = FunctionUrlStandIn.start(event -> operatorFunction.invoke(event).getBytes(StandardCharsets.UTF_8),
                identities.issued(), account, AwsEmulator.REGION);
        return new OperatorRequests(identities, url);
    }

    /** The entry's URL: the CLI's {@code SHIPLANE_OPERATOR_URL}. */
    String url() {
        return url.url();
    }

    /** The CLI's {@code environment} as the operator {@code as} names (blank: the harness). */
    Map<String, String> environmentAs(String as, Map<String, String> environment) {
        var env = new HashMap<>(environment);
        env.remove("AWS_SESSION_TOKEN");
        env.putAll(identities.credentialsOf(as));
        return env;
    }

    /** A story event an operator makes (source {@code shiplane}, an operator request's detail-type). */
    static boolean isRequest(JsonNode event) {
        return "shiplane".equals(event.path("source").asText()) && COMMANDS.containsKey(
                event.path("detail-type").asText());
    }

    /** The CLI run that makes {@code event}'s request, as the operator its {@code requestedBy} names. */
    static Run asCliRun(JsonNode event) {
        var command = COMMANDS.get(event.path("detail-type").asText());
        var detail = event.path("detail");
        var args = new ArrayList<String>();
        args.add(command);
        args.add(detail.path("env").asText());
        if (command.equals("rollback") && detail.path("all").asBoolean(false)) {
            args.add("--all");
        } else {
            args.add(detail.path("service").asText());
        }
        if (command.equals("deploy")) {
            args.add(detail.hasNonNull("digest") ? detail.get("digest").asText() : detail.path("tag").asText());
        }
        if (detail.hasNonNull("reason")) {
            args.add("--reason");
            args.add(detail.get("reason").asText());
        }
        if (detail.hasNonNull("requestId")) {
            args.add("--request-id");
            args.add(detail.get("requestId").asText());
        }
        return new Run(detail.path("requestedBy").asText(""), List.copyOf(args));
    }

    @Override
    public void close() {
        url.close();
    }
}
