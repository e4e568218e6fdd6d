package dev.shiplane.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    // GitHub's documented test vector ("Validating webhook deliveries").
    static final String GITHUB_SECRET = "It's a Secret to Everybody";
    static final byte[] GITHUB_BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void sign_reproducesGitHubsTestVector() {
        assertThat(WebhookSignatures.sign(GITHUB_SECRET, GITHUB_BODY)).isEqualTo(GITHUB_SIGNATURE);
    }

    static Stream<Arguments> verdicts() {
        var previous = "previous secret";
        var signedWithPrevious = WebhookSignatures.sign(previous, GITHUB_BODY);
        return Stream.of(
                Arguments.of("GitHub's test vector with the current secret", GITHUB_SIGNATURE,
                        List.of(GITHUB_SECRET), SignatureVerdict.CURRENT_SECRET),
                Arguments.of("upper-case hex is the same signature", GITHUB_SIGNATURE.toUpperCase().replace("SHA256=", "sha256="),
                        List.of(GITHUB_SECRET), SignatureVerdict.CURRENT_SECRET),
                Arguments.of("signed with the previous secret during a rotation", signedWithPrevious,
                        List.of(GITHUB_SECRET, previous), SignatureVerdict.PREVIOUS_SECRET),
                Arguments.of("previous secret no longer valid after the rotation", signedWithPrevious,
                        List.of(GITHUB_SECRET), SignatureVerdict.MISMATCH),
                Arguments.of("current secret still valid while a previous one exists", GITHUB_SIGNATURE,
                        List.of(GITHUB_SECRET, previous), SignatureVerdict.CURRENT_SECRET),
                Arguments.of("one flipped hex digit", GITHUB_SIGNATURE.substring(0, GITHUB_SIGNATURE.length() - 1) + "f",
                        List.of(GITHUB_SECRET), SignatureVerdict.MISMATCH),
                Arguments.of("no header", null, List.of(GITHUB_SECRET), SignatureVerdict.MISSING),
                Arguments.of("empty header", "", List.of(GITHUB_SECRET), SignatureVerdict.MISSING),
                Arguments.of("the SHA-1 header format", "sha1=" + "0".repeat(40), List.of(GITHUB_SECRET),
                        SignatureVerdict.MISSING),
                Arguments.of("hex without the algorithm", GITHUB_SIGNATURE.substring(7), List.of(GITHUB_SECRET),
                        SignatureVerdict.MISSING),
                Arguments.of("truncated signature", GITHUB_SIGNATURE.substring(0, 40), List.of(GITHUB_SECRET),
                        SignatureVerdict.MISSING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void verify(String description, String header, List<String> secrets, SignatureVerdict expected) {
        assertThat(WebhookSignatures.verify(header, GITHUB_BODY, secrets)).isEqualTo(expected);
    }

    @Test
    void signatureCoversTheExactBytes_notTheJsonValue() {
        var compact = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        var spaced = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignatures.verify(WebhookSignatures.sign("s", compact), spaced, List.of("s")))
                .isEqualTo(SignatureVerdict.MISMATCH);
    }

    @Test
    void noSecretAtAll_isAConfigurationError_notAnOpenDoor() {
        assertThatThrownBy(() -> WebhookSignatures.verify(GITHUB_SIGNATURE, GITHUB_BODY, List.of()))
                .isInstanceOf(IllegalStateException.class);
    }
}
