package dev.shiplane.testkit;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Lambda's check of a SigV4-signed Function URL request, played outside AWS: the signature is computed again with the
 * secret of the access key it names ({@link IssuedCredentials}), over the same method, path, signed headers, time and
 * body, and must be the one sent. Only then is the key's holder the caller; the request's own words about who sent it
 * are never read.
 */
final class SigV4Check {

    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([A-Za-z0-9]+)/(\\d{8})/"
            + "([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Headers the signer adds itself from the credentials, the time and the URL. */
    private static final List<String> ADDED_BY_THE_SIGNER = List.of("host", "x-amz-date", "x-amz-security-token");

    /** Why a request is refused, in Lambda's words, or the caller it was signed by. */
    sealed interface Verdict {
        record Verified(IssuedCredentials.Caller caller, String accessKey) implements Verdict {}

        record Refused(String message) implements Verdict {}
    }

    private SigV4Check() {}

    /**
     * @param headers the received headers, names in lower case
     * @param service the signing name the URL takes ({@code lambda})
     * @param region  the URL's region
     */
    static Verdict verify(String method, String path, Map<String, String> headers, byte[] body,
                          IssuedCredentials issued, String service, String region) {
        var auth = AUTHORIZATION.matcher(headers.getOrDefault("authorization", ""));
        if (!auth.matches()) return new Verdict.Refused("Forbidden");
        if (!auth.group(4).equals(service) || !auth.group(3).equals(region)) {
            return new Verdict.Refused("Credential should be scoped to correct service: '" + service + "' in "
                    + region);
        }
        Optional<IssuedCredentials.Issued> key = issued.of(auth.group(1));
        if (key.isEmpty()) return new Verdict.Refused("The security token included in the request is invalid.");
        var token = key.get().sessionToken();
        if (token != null && !token.equals(headers.get("x-amz-security-token"))) {
            return new Verdict.Refused("The security token included in the request is invalid.");
        }
        Instant at;
        try {
            at = AMZ_DATE.parse(headers.getOrDefault("x-amz-date", ""), Instant::from);
        } catch (RuntimeException e) {
            return new Verdict.Refused("Forbidden");
        }
        var request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + headers.get("host") + path));
        for (var name : auth.group(5).split(";")) {
            if (ADDED_BY_THE_SIGNER.contains(name)) continue;
            if (!headers.containsKey(name)) return new Verdict.Refused("Forbidden");
            request.putHeader(name, headers.get(name));
        }
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(key.get().credentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        var expected = signed.request().firstMatchingHeader("Authorization").orElse("");
        if (!expected.endsWith("Signature=" + auth.group(6))) {
            return new Verdict.Refused("The request signature we calculated does not match the signature you"
                    + " provided.");
        }
        return new Verdict.Verified(key.get().caller(), auth.group(1));
    }
}
