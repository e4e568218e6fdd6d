package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.contract.config.ConfigDocumentReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The accounts as shiplane.yml names them: every environment's or none, twelve digits each. */
class AccountLayoutTest {

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("no account anywhere: one account, as before", """
                        environments: {staging: {cluster: s}, prod: {cluster: p}}
                        """, List.of(), List.of()),
                Arguments.of("every environment named: its accounts, the first one's first", """
                        environments: {staging: {cluster: s, account: "123456789012"}, prod: {account: "210987654321"}}
                        """, List.of("123456789012", "210987654321"), List.of()),
                Arguments.of("two environments in one account: one account", """
                        environments: {staging: {account: "123456789012"}, qa: {account: "123456789012"}}
                        """, List.of("123456789012"), List.of()),
                Arguments.of("some named, some not: refused, naming those without", """
                        environments: {staging: {account: "123456789012"}, prod: {cluster: p}}
                        """, List.of("123456789012"), List.of("environments [prod] name no account while [staging] do:"
                        + " name the account of every environment, or of none")),
                Arguments.of("not twelve digits: refused", """
                        environments: {staging: {account: "12345"}}
                        services: {web: {ecrAccount: "x"}}
                        """, List.of("12345"), List.of(
                        "environments.staging.account: '12345' is not a 12-digit AWS account id (quote it: \"210987654321\")",
                        "services.web.ecrAccount: 'x' is not a 12-digit AWS account id")),
                Arguments.of("an ecrAccount without environment accounts: refused", """
                        environments: {staging: {cluster: s}}
                        services: {web: {ecrAccount: "123456789012"}}
                        """, List.of(), List.of("services.web.ecrAccount: no environment names its account; name"
                        + " every environment's account to place repositories in another one")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void layout(String description, String yaml, List<String> accounts, List<String> problems) {
        var layout = ConfigDocumentReader.read(yaml, "test.yml", AccountSections.class).layout();

        assertThat(layout.named() ? layout.accounts() : List.of()).isEqualTo(accounts);
        assertThat(layout.problems()).isEqualTo(problems);
    }
}
