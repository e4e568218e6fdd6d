package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.core.config.InvalidConfigException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code concurrency} section: reserved concurrency of the webhook (a cap), rollback and deploy functions (a
 * guaranteed share), read and checked by the CDK app; Lambda's rule that 100 of the account stay unreserved is
 * checked against the account's quota before CloudFormation would refuse the stack.
 */
class FunctionConcurrencyTest {

    private static String config(String concurrency) {
        return """
                environments:
                  staging: {cluster: monynha-staging, tagPolicy: {any: true}}
                services:
                  web: {repository: monynha/web, container: web}
                %s
                """.formatted(concurrency);
    }

    @Test
    void repositoryConfig_capsTheWebhook_andReservesForRollbackAndDeploy() {
        var concurrency = InfraConfig.load(RepositoryLayout.locate().configFile()).concurrency();

        assertThat(concurrency.webhook()).isPositive();
        assertThat(concurrency.rollback()).isGreaterThanOrEqualTo(2);
        assertThat(concurrency.deploy()).isPositive();
        assertThat(concurrency.reserved()).isLessThanOrEqualTo(
                FunctionConcurrency.DEFAULT_ACCOUNT_LIMIT - FunctionConcurrency.LAMBDA_MIN_UNRESERVED);
    }

    @Test
    void absentSection_reservesNothing() {
        var concurrency = InfraConfig.parse(config(""), "shiplane.yml").concurrency();

        assertThat(concurrency).isEqualTo(FunctionConcurrency.NONE);
        assertThat(concurrency.reserved()).isZero();
    }

    @Test
    void partialSection_reservesOnlyWhatItNames() {
        var concurrency = InfraConfig.parse(config("concurrency: {webhook: 20}"), "shiplane.yml").concurrency();

        assertThat(concurrency).isEqualTo(new FunctionConcurrency(20, null, null, 1000));
    }

    @Test
    void anAccountWithARaisedQuota_mayReserveMore() {
        var concurrency = InfraConfig.parse(config("concurrency: {rollback: 500, deploy: 450, accountLimit: 3000}"),
                "shiplane.yml").concurrency();

        assertThat(concurrency.reserved()).isEqualTo(950);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a webhook reserving nothing, which throttles every delivery", "{webhook: 0}",
                        "concurrency.webhook: 0 would throttle every GitHub delivery"),
                Arguments.of("a rollback reservation of one", "{rollback: 1}",
                        "concurrency.rollback: 1 is below 2"),
                Arguments.of("a negative deploy reservation", "{deploy: -3}",
                        "concurrency.deploy: -3 would throttle every deployment"),
                Arguments.of("reservations leaving fewer than 100 of the default quota unreserved",
                        "{webhook: 400, rollback: 300, deploy: 250}",
                        "concurrency: reserving 950 leaves 50 of the account's 1000 unreserved; Lambda keeps at"
                                + " least 100 unreserved"),
                Arguments.of("any reservation in a new account whose quota is 10", "{rollback: 2, accountLimit: 10}",
                        "concurrency: reserving 2 leaves 8 of the account's 10 unreserved"),
                Arguments.of("a quota of zero", "{accountLimit: 0}",
                        "concurrency.accountLimit: 0 is not a concurrency quota"),
                Arguments.of("a typo in a key, on its line", "{rolback: 5}",
                        "unknown key 'concurrency.rolback' (known: accountLimit, deploy, rollback, webhook)"),
                Arguments.of("a fraction", "{deploy: 2.5}", "concurrency.deploy: expected a whole number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSection_isRefusedWithItsPath(String description, String section, String expectedMessage) {
        assertThatThrownBy(() -> InfraConfig.parse(config("concurrency: " + section), "shiplane.yml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(expectedMessage);
    }
}
