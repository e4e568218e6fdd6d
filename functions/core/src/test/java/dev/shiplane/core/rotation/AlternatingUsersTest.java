package dev.shiplane.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlternatingUsersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the base user's next is its clone              | app          | app_clone    | app
            the clone's next is the base user              | app_clone    | app          | app
            names with underscores keep them               | my_app       | my_app_clone | my_app
            a clone of a name ending in clone is distinct  | clone        | clone_clone  | clone
            """)
    void next_alternates(String name, String current, String next, String base) {
        assertThat(AlternatingUsers.next(current)).isEqualTo(next);
        assertThat(AlternatingUsers.next(next)).isEqualTo(current);
        assertThat(AlternatingUsers.base(current)).isEqualTo(base);
        assertThat(AlternatingUsers.base(next)).isEqualTo(base);
    }

    @Test
    void aBlankOrTooLongName_isRefused() {
        assertThatThrownBy(() -> AlternatingUsers.next("")).hasMessageContaining("not a database user name");
        assertThatThrownBy(() -> AlternatingUsers.next("_clone")).hasMessageContaining("not a database user name");
        assertThatThrownBy(() -> AlternatingUsers.next("a".repeat(60))).hasMessageContaining("63-byte");
    }

    @Test
    void tokens_areDerivedFromTheTriggerAndTheSecret() {
        var token = RotationToken.of("event-1", "db-password");

        assertThat(token).isEqualTo(RotationToken.of("event-1", "db-password")).hasSize(36);
        assertThat(RotationToken.of("event-2", "db-password")).isNotEqualTo(token);
        assertThat(RotationToken.of("event-1", "jwt-secret")).isNotEqualTo(token);
    }
}
