package dev.shiplane.infra;

import dev.shiplane.core.events.DeployRequested;
import dev.shiplane.core.events.FreezeLifted;
import dev.shiplane.core.events.FreezeStarted;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RequestRefused;
import dev.shiplane.core.events.RollbackRequested;
import dev.shiplane.core.events.RolloutCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The {@code shiplane} bus's resource policy, every statement of it in one place: who may put which detail-types on
 * the bus beyond what IAM policies in the account allow. It is the bus's own {@code Policy} property (one document,
 * replaced whole by each stack update), not {@code AWS::Events::EventBusPolicy} resources, whose statements
 * EventBridge merges one {@code PutPermission} at a time and which CDK's {@code addToResourcePolicy} creates one per
 * statement. The document names the bus by an ARN built from its name: the bus's own {@code Arn} attribute inside its
 * own property would be a circular reference.
 *
 * <p>Two kinds of statements:
 * <ul>
 *   <li>{@link #reserve}: a Deny of {@code events:PutEvents} of some detail-types to every principal except the roles
 *       named ({@code aws:PrincipalArn}, which is the role's ARN for every session of it). An explicit Deny in the
 *       bus's policy overrides any Allow in an IAM policy of the account, so a broad {@code events:PutEvents} no
 *       longer reaches them; EventBridge refuses such entries one by one (the response's {@code FailedEntryCount}).
 *       Receiving is untouched: rules of other teams still match every event.</li>
 *   <li>{@link #allowPutEventsFrom}: an Allow for another account (its {@code root}: its own IAM policies decide who
 *       there), only for the detail-types and sources named; {@link #allowPutEventsFromRole} narrows it to one role
 *       of that account. Never a wildcard principal.</li>
 * </ul>
 */
public final class BusPolicy extends Construct {

    /**
     * The detail-types only the operator entry puts: what {@code OperatorRequestService} publishes for an operator's
     * request (the requests themselves, the freezes it records and announces, and the refusals it announces). A
     * forged one would command shiplane, or announce a freeze or a refusal that never happened, in someone's name.
     */
    public static final List<String> OPERATOR_DETAIL_TYPES = Stream.of(
                    Stream.of(DeployRequested.DETAIL_TYPE, RollbackRequested.DETAIL_TYPE),
                    RolloutCommand.DETAIL_TYPES.stream(),
                    Stream.of(FreezeStarted.DETAIL_TYPE, FreezeLifted.DETAIL_TYPE, RequestRefused.DETAIL_TYPE))
            .flatMap(s -> s).toList();

    /**
     * Requests that only secret rotation puts: a redeploy restarts a service's tasks; operators restart one with a
     * deploy of its running image through the entry.
     */
    public static final List<String> ROTATION_DETAIL_TYPES = List.of(RedeployRequested.DETAIL_TYPE);

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern SID_WORD = Pattern.compile("[A-Za-z0-9]+");

    private final PolicyDocument document = new PolicyDocument();
    private final String busArn;
    private final Map<String, Integer> allowsPerAccount = new HashMap<>();

    /**
     * @param bus     the bus whose {@code Policy} this document becomes
     * @param busName the bus's name as a literal (not its {@code Ref}), from which its ARN is built
     */
    BusPolicy(Construct scope, String id, EventBus bus, String busName) {
        super(scope, id);
        busArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("events").resource("event-bus").resourceName(busName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        // Resolved at synth: statements added after construction (another stack part's forwarding) are included.
        ((CfnEventBus) bus.getNode().getDefaultChild()).setPolicy(document);
        getNode().addValidation(() -> document.getIsEmpty() ? List.<String>of() : document.validateForResourcePolicy());
    }

    /**
     * Only {@code publishers} may put {@code detailTypes} on the bus: a Deny for every other principal, of this
     * account or any other. With no publisher, nobody may.
     *
     * @param name        the statement's purpose in one word, its {@code Sid} ({@code Only<name>})
     * @param detailTypes the reserved detail-types, literally
     * @param publishers  the roles that put them (any session of each role)
     */
    public void reserve(String name, List<String> detailTypes, List<IRole> publishers) {
        reserveForRoleArns(name, detailTypes, publishers.stream().map(IRole::getRoleArn).toList());
    }

    /**
     * {@link #reserve} for roles named by ARN, for roles of other accounts (another account's forwarding role).
     *
     * @param publisherArns the ARNs of the roles that put them, of this account or another
     */
    public void reserveForRoleArns(String name, List<String> detailTypes, List<String> publisherArns) {
        requireSidWord(name);
        requireLiterals("detail-type", detailTypes);
        var conditions = new LinkedHashMap<String, Object>();
        conditions.put("StringEquals", Map.of("events:detail-type", List.copyOf(detailTypes)));
        if (!publisherArns.isEmpty()) {
            // ArnNotEquals on aws:PrincipalArn, not NotPrincipal: for an assumed role the key is the role's ARN, the
            // same for every session (IAM's recommendation over NotPrincipal, which would have to name each session).
            conditions.put("ArnNotEquals", Map.of("aws:PrincipalArn", List.copyOf(publisherArns)));
        }
        document.addStatements(PolicyStatement.Builder.create()
                .sid("Only" + name)
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(busArn))
                .conditions(conditions)
                .build());
    }

    /**
     * Lets {@code account} put events of {@code detailTypes} from {@code sources} on the bus (cross-account
     * forwarding: a rule there whose target is this bus). The account's root principal: who in that account may do
     * it (the forwarding rule's role) is decided by that account's IAM policies.
     */
    public void allowPutEventsFrom(String account, List<String> detailTypes, List<String> sources) {
        allow(account, null, detailTypes, sources);
    }

    /**
     * {@link #allowPutEventsFrom}, and only as the role {@code roleArn} of {@code account} ({@code ArnEquals} on
     * {@code aws:PrincipalArn}, the principal still the account's root): another principal of that account is not
     * allowed, whatever its IAM policies say. The role is named by a condition, not as the principal, because a
     * policy naming a role as principal is refused while the role does not exist (the sending stack deployed after
     * this one) and silently stops matching when the role is deleted and created again.
     */
    public void allowPutEventsFromRole(String account, String roleArn, List<String> detailTypes,
                                       List<String> sources) {
        if (roleArn == null || roleArn.isBlank()) throw new IllegalArgumentException("a role ARN is required");
        allow(account, roleArn, detailTypes, sources);
    }

    private void allow(String account, String roleArn, List<String> detailTypes, List<String> sources) {
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account '" + account + "' is not a 12-digit AWS account id");
        }
        requireLiterals("detail-type", detailTypes);
        requireLiterals("source", sources);
        var ordinal = allowsPerAccount.merge(account, 1, Integer::sum);
        var conditions = new LinkedHashMap<String, Object>();
        conditions.put("StringEquals", Map.of(
                "events:detail-type", List.copyOf(detailTypes),
                "events:source", List.copyOf(sources)));
        if (roleArn != null) conditions.put("ArnEquals", Map.of("aws:PrincipalArn", roleArn));
        document.addStatements(PolicyStatement.Builder.create()
                .sid("PutEventsFrom" + account + (ordinal == 1 ? "" : "No" + ordinal))
                .effect(Effect.ALLOW)
                .principals(List.of(new AccountPrincipal(account)))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(busArn))
                .conditions(conditions)
                .build());
    }

    private static void requireSidWord(String name) {
        if (name == null || !SID_WORD.matcher(name).matches()) {
            throw new IllegalArgumentException("statement name '" + name + "' must be letters and digits only");
        }
    }

    /** StringEquals compares literally: a '*' would be taken for a character, and an empty list matches nothing. */
    private static void requireLiterals(String what, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a bus policy statement needs at least one " + what);
        }
        var bad = new ArrayList<String>();
        for (var value : values) {
            if (value == null || value.isBlank() || value.contains("*") || value.contains("?")) bad.add(value);
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " in a bus policy is a literal value, not " + bad);
        }
    }
}
