package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * A delivery stack rotates what its own rotation function rotates, whether environments name accounts or one
 * account's stack is deployed for one environment ({@code -c env=…}): the schedule's and the role's secrets are the
 * function's ({@code ShiplaneConfig.servedOnly} over the stack's served environments), never every secret.
 */
class RotationPlacementTest {

    /** The repository's shiplane.yml without accounts, plus a secret no service consumes (the primary's to rotate). */
    private static final InfraConfig ONE_ACCOUNT = InfraConfig.parse(oneAccountConfig(), "shiplane.yml");

    @Test
    void withoutAccounts_aStackForProd_rotatesProdsSecrets_notTheUnconsumedOneThePrimaryRotates() {
        assertThat(ONE_ACCOUNT.accounts().named()).isFalse();
        var prod = templateFor("prod");

        assertThat(prod).contains("secret:monynha/db-password-", "secret:monynha/jwt-secret-",
                "secret:monynha/api-key-");
        assertThat(prod).doesNotContain("monynha/unconsumed");
    }

    @Test
    void withoutAccounts_aStackForThePrimaryEnvironment_rotatesTheUnconsumedSecretToo() {
        assertThat(templateFor("staging")).contains("secret:monynha/unconsumed-");
    }

    @Test
    void withoutAccountsOrEnv_theOneStack_rotatesEverySecret() {
        var app = new App();
        var stack = ShiplaneApp.compose(app, ONE_ACCOUNT, Optional.empty(), RepositoryLayout.locate()).getFirst();

        assertThat(json(Template.fromStack(stack))).contains("secret:monynha/unconsumed-", "secret:monynha/api-key-");
    }

    private static String templateFor(String env) {
        var stacks = ShiplaneApp.compose(new App(), ONE_ACCOUNT, Optional.of(env), RepositoryLayout.locate());
        assertThat(stacks).hasSize(1);
        return json(Template.fromStack(stacks.getFirst()));
    }

    private static String json(Template template) {
        try {
            return new ObjectMapper().writeValueAsString(template.toJSON());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneAccountConfig() {
        try {
            var yaml = Files.readString(RepositoryLayout.locate().configFile())
                    .replaceAll("(?m)^\\s*account: \"\\d{12}\".*\\n(\\s*#.*\\n)*", "");
            return yaml.replace("\n  secrets:\n", """

                      secrets:
                        unconsumed:
                          secretId: monynha/unconsumed
                          type: hmac-key
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
