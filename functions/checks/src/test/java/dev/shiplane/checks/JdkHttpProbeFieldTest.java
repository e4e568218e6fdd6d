package dev.shiplane.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.gate.CheckResponse.FieldReading;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A check's {@code json.field} is an RFC 6901 pointer into the answer; what it finds is compared as text. */
class JdkHttpProbeFieldTest {

    static final String BODY = "{\"status\":\"ok\",\"checks\":[{\"name\":\"db\",\"ms\":12,\"up\":true,\"load\":0.50}],"
            + "\"a/b\":1,\"m~n\":2,\"\":3,\"gone\":null}";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/status          | found ok",
            "/checks/0/name   | found db",
            "/checks/0/ms     | found 12",
            "/checks/0/up     | found true",
            "/checks/0/load   | found 0.50",
            "/checks/0        | found {\"name\":\"db\",\"ms\":12,\"up\":true,\"load\":0.50}",
            "/a~1b            | found 1",
            "/m~0n            | found 2",
            "/                | found 3",
            "/gone            | missing",
            "/checks/1        | missing",
            "/checks/01       | missing",
            "/checks/x        | missing",
            "/status/deeper   | missing",
            "/absent          | missing",
            "status           | not JSON"})
    void findsWhatThePointerNames(String pointer, String expected) {
        var reading = JdkHttpProbe.field(BODY.getBytes(StandardCharsets.UTF_8), pointer);

        assertThat(describe(reading)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "an HTML error page      | <html>502</html>",
            "a body cut at 64 KB     | {\"status\":\"o",
            "nothing                 | ``"})
    void aBodyThatIsNotJson_isNotJson(String description, String body) {
        assertThat(JdkHttpProbe.field(body.getBytes(StandardCharsets.UTF_8), "/status"))
                .isInstanceOf(FieldReading.NotJson.class);
    }

    private static String describe(FieldReading reading) {
        return switch (reading) {
            case FieldReading.Found found -> "found " + found.value();
            case FieldReading.Missing missing -> "missing";
            case FieldReading.NotJson notJson -> "not JSON";
            case FieldReading.NotAsked notAsked -> "not asked";
        };
    }
}
