package dev.shiplane.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS's memory of the credentials it issued, for {@link FunctionUrlStandIn}: which secret belongs to an access key
 * (to check a signature as Lambda does) and whose key it is, as STS names the caller (an IAM user, an assumed-role
 * session). Whoever makes credentials in the emulator (an {@code AssumeRole}, an access key) records them here.
 */
public final class IssuedCredentials {

    /** Who holds a key, as {@code requestContext.authorizer.iam} names them ({@code userArn}, {@code userId}). */
    public record Caller(String accountId, String userArn, String userId) {}

    record Issued(AwsCredentials credentials, Caller caller) {
        String sessionToken() {
            return credentials instanceof AwsSessionCredentials session ? session.sessionToken() : null;
        }
    }

    private final Map<String, Issued> byAccessKey = new ConcurrentHashMap<>();

    /** {@code credentials} were issued to {@code caller}. */
    public IssuedCredentials add(AwsCredentials credentials, Caller caller) {
        byAccessKey.put(credentials.accessKeyId(), new Issued(credentials, caller));
        return this;
    }

    /** The account of an ARN ({@code arn:aws:sts::123456789012:assumed-role/…}). */
    public static String accountOf(String arn) {
        return arn.split(":", 6)[4];
    }

    Optional<Issued> of(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }
}
