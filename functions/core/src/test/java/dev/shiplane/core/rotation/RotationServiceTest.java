package dev.shiplane.core.rotation;

import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PENDING;
import static dev.shiplane.core.rotation.SecretVersions.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;
import dev.shiplane.core.config.ServedEnvironments;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.RedeployRequested;
import dev.shiplane.core.events.RotationFailed;
import dev.shiplane.core.events.SecretRotated;
import dev.shiplane.core.fakes.InMemoryDatabaseUsers;
import dev.shiplane.core.fakes.InMemorySecretVault;
import dev.shiplane.core.fakes.KeyValueCredentialsFormat;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rotation use case on fakes: the four steps, crashes between and inside them, overlaps, announcements. */
class RotationServiceTest {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final SecretSpec DB = new SecretSpec("db-password", "team/db", SecretType.POSTGRES, "team/db-master",
            List.of("api", "web"), null, 32, true);
    static final SecretSpec MASTER = new SecretSpec("db-master", "team/db-master", SecretType.POSTGRES_SINGLE, null,
            List.of(), null, 32, true);
    static final SecretSpec JWT = new SecretSpec("jwt-secret", "team/jwt", SecretType.HMAC_KEY, null, List.of("api"),
            Duration.ofDays(7), 64, true);
    static final SecretSpec API_KEY = new SecretSpec("api-key", "team/api-key", SecretType.API_KEY, null,
            List.of("web"), null, 40, true);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "team-staging", ANY), new EnvironmentSpec("prod", "team-prod", ANY)),
            List.of(new ServiceSpec("web", List.of("team/web"), "web", "web", Strategy.ROLLING, List.of(),
                            List.of("staging", "prod")),
                    new ServiceSpec("api", List.of("team/api"), "api", "api", Strategy.ROLLING, List.of(),
                            List.of("staging", "prod"))),
            new RotationSpec(RotationSpec.MONTHLY, List.of(DB, MASTER, JWT, API_KEY)));
    static final String T1 = "11111111-1111-4111-8111-111111111111";
    static final String T2 = "22222222-2222-4222-8222-222222222222";
    static final String APP_PASSWORD = "AppPassword0000000000000000000000";
    static final String MASTER_PASSWORD = "MasterPassword00000000000000000000";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final InMemorySecretVault vault = new InMemorySecretVault(clock);
    final InMemoryDatabaseUsers database = new InMemoryDatabaseUsers();
    final KeyValueCredentialsFormat format = new KeyValueCredentialsFormat();
    final RecordingBus bus = new RecordingBus();
    RotationService service;

    @BeforeEach
    void world() {
        database.master("master", MASTER_PASSWORD);
        database.user("app", APP_PASSWORD);
        vault.create("team/db", KeyValueCredentialsFormat.of("db", 5432, "appdb", "app", APP_PASSWORD));
        vault.create("team/db-master", KeyValueCredentialsFormat.of("db", 5432, "postgres", "master", MASTER_PASSWORD));
        vault.create("team/jwt", "J".repeat(64));
        vault.create("team/api-key", "K".repeat(40));
        service = new RotationService(CONFIG, vault, database, format, bus, clock, Duration.ofMinutes(5));
    }

    DatabaseCredentials at(String stage) {
        return format.read(vault.valueAt("team/db", stage));
    }

    /** The invariant: whatever happened, the credentials AWSCURRENT names log in. */
    void assertCurrentLogsIn() {
        var current = at(CURRENT);
        assertThat(database.passwordIs(current.username(), current.password()))
                .as("AWSCURRENT (%s) logs in", current.username()).isTrue();
    }

    @Test
    void postgres_rotatesToTheCloneWithANewPassword_andTheCurrentLoginKeepsWorking() {
        var outcome = service.rotate(DB, T1);

        assertThat(outcome.status()).isEqualTo(RotationOutcome.Status.ROTATED);
        var current = at(CURRENT);
        assertThat(current.username()).isEqualTo("app_clone");
        assertThat(current.password()).hasSize(32).isNotEqualTo(APP_PASSWORD);
        assertThat(current.host()).isEqualTo("db");
        assertThat(database.passwordIs("app_clone", current.password())).isTrue();
        assertThat(database.rolesOf("app_clone")).containsExactly("app");
        assertThat(database.passwordIs("app", APP_PASSWORD)).as("previous login unchanged").isTrue();
        assertThat(at(PREVIOUS).username()).isEqualTo("app");
        assertThat(vault.versions("team/db").withStage(PENDING)).isEmpty();
    }

    @Test
    void secondRotation_flipsBackToTheBaseUser_andThePreviousCloneLoginStillWorks() {
        service.rotate(DB, T1);
        var first = at(CURRENT);

        service.rotate(DB, T2);

        var second = at(CURRENT);
        assertThat(second.username()).isEqualTo("app");
        assertThat(database.passwordIs("app", second.password())).isTrue();
        assertThat(database.passwordIs("app", APP_PASSWORD)).as("the oldest password is retired").isFalse();
        assertThat(database.passwordIs("app_clone", first.password())).as("previous still logs in").isTrue();
        assertThat(at(PREVIOUS)).isEqualTo(first);
    }

    @Test
    void finishing_announcesTheRotation_andAsksEveryConsumerInEveryEnvironmentToRedeploy() {
        service.rotate(DB, T1);

        var rotated = bus.published(SecretRotated.class);
        assertThat(rotated).singleElement().satisfies(e -> {
            assertThat(e.secretName()).isEqualTo("db-password");
            assertThat(e.secretId()).startsWith("arn:aws:secretsmanager:").contains("team/db");
            assertThat(e.versionId()).isEqualTo(T1);
            assertThat(e.type()).isEqualTo("postgres");
            assertThat(e.consumers()).containsExactly("api", "web");
        });
        assertThat(bus.published(RedeployRequested.class))
                .extracting(r -> r.env() + "/" + r.service() + " " + r.requestedBy())
                .containsExactly("staging/api rotation:db-password", "prod/api rotation:db-password",
                        "staging/web rotation:db-password", "prod/web rotation:db-password");
        assertThat(bus.published(RedeployRequested.class)).extracting(RedeployRequested::requestId)
                .doesNotHaveDuplicates().allMatch(id -> id.startsWith("rr-"));
    }

    @Test
    void aStackServingSomeEnvironments_asksOnlyThoseToRedeploy() {
        var stagingsStack = new RotationService(CONFIG.servedOnly(ServedEnvironments.parse("staging")), vault, database,
                format, bus, clock, Duration.ofMinutes(5));

        stagingsStack.rotate(DB, T1);

        assertThat(bus.published(SecretRotated.class)).singleElement()
                .satisfies(e -> assertThat(e.consumers()).containsExactly("api", "web"));
        assertThat(bus.published(RedeployRequested.class)).extracting(r -> r.env() + "/" + r.service())
                .containsExactly("staging/api", "staging/web");
    }

    @Test
    void redeliveredTrigger_resumesTheSameRotation_andAnnouncesWithTheSameRequestIds() {
        service.rotate(DB, T1);
        var firstIds = bus.published(RedeployRequested.class).stream().map(RedeployRequested::requestId).toList();
        var current = at(CURRENT);
        bus.clear();

        var again = service.rotate(DB, T1);

        assertThat(again.status()).isEqualTo(RotationOutcome.Status.ROTATED);
        assertThat(at(CURRENT)).as("not rotated a second time").isEqualTo(current);
        assertThat(bus.published(RedeployRequested.class)).extracting(RedeployRequested::requestId)
                .containsExactlyElementsOf(firstIds);
    }

    @ParameterizedTest(name = "crash after {0} (call {1}), then a re-run")
    @CsvSource({"vault:putPending,1", "db:ensureUserLike,1", "db:setPassword,1", "db:testLogin,1",
            "vault:moveStage,1", "vault:moveStage,2"})
    void crashAtAnyPoint_thenRerun_endsRotatedAndConsistent(String where, int occurrence) {
        var parts = where.split(":");
        if (parts[0].equals("vault")) vault.crashAfter(parts[1], occurrence);
        else database.crashAfter(parts[1], occurrence);

        assertThatThrownBy(() -> service.rotate(DB, T1)).isInstanceOf(RotationStepException.class)
                .hasMessageContaining("crash injected");
        assertCurrentLogsIn();
        assertThat(bus.published(RotationFailed.class)).hasSize(1);

        var outcome = service.rotate(DB, T1);

        assertThat(outcome.status()).isEqualTo(RotationOutcome.Status.ROTATED);
        assertCurrentLogsIn();
        assertThat(at(CURRENT).username()).isEqualTo("app_clone");
        assertThat(database.passwordIs("app", APP_PASSWORD)).isTrue();
        assertThat(vault.versions("team/db").withStage(PENDING)).isEmpty();
        assertThat(bus.published(SecretRotated.class)).hasSize(1);
    }

    @Test
    void secretsManagersRotationToken_isHandedBackWithThePendingValue() {
        vault.beginRotateSecret("team/jwt", T1);

        service.step(JWT, RotationStep.CREATE_SECRET, T1, "rotation-token-of-the-request");

        assertThat(vault.rotationTokenOf(T1)).contains("rotation-token-of-the-request");
    }

    @Test
    void aRotationShiplaneStartsItself_hasNoRotationTokenToHandBack() {
        service.rotate(JWT, T1);

        assertThat(vault.versions("team/jwt").withStage(CURRENT).orElseThrow().versionId()).isEqualTo(T1);
        assertThat(vault.rotationTokenOf(T1)).isEmpty();
    }

    @Test
    void everyStepRunTwice_inSecretsManagersOrder_endsRotatedOnce() {
        for (var step : RotationStep.values()) {
            service.step(DB, step, T1, null);
            service.step(DB, step, T1, null);
            assertCurrentLogsIn();
        }

        assertThat(at(CURRENT).username()).isEqualTo("app_clone");
        assertThat(vault.versions("team/db").versions()).hasSize(2);
        assertThat(bus.published(SecretRotated.class)).extracting(SecretRotated::versionId).containsOnly(T1);
    }

    @Test
    void rotateSecretContract_fillsThePendingVersionSecretsManagerCreated() {
        vault.beginRotateSecret("team/db", T1);

        var outcomes = java.util.Arrays.stream(RotationStep.values()).map(s -> service.step(DB, s, T1, null)).toList();

        assertThat(outcomes).extracting(RotationOutcome::status).containsExactly(RotationOutcome.Status.STEP_DONE,
                RotationOutcome.Status.STEP_DONE, RotationOutcome.Status.STEP_DONE, RotationOutcome.Status.ROTATED);
        assertThat(vault.versions("team/db").withStage(CURRENT).orElseThrow().versionId()).isEqualTo(T1);
        assertCurrentLogsIn();
    }

    @Test
    void stepsOutOfOrder_areRefused_andChangeNothing() {
        var before = vault.versions("team/db");

        assertThatThrownBy(() -> service.step(DB, RotationStep.FINISH_SECRET, T1, null))
                .isInstanceOf(RotationStepException.class).hasMessageContaining("createSecret has not run");

        assertThat(vault.versions("team/db")).isEqualTo(before);
        assertThat(bus.published(RotationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.step()).isEqualTo("finishSecret"));
    }

    @Test
    void overlappingRotation_isBusy_reportsItself_andTheFirstFinishesUndisturbed() {
        service.step(DB, RotationStep.CREATE_SECRET, T1, null);

        var second = service.rotate(DB, T2);

        assertThat(second.status()).isEqualTo(RotationOutcome.Status.BUSY);
        assertThat(bus.published(RotationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("in progress"));
        assertThat(service.rotate(DB, T1).status()).isEqualTo(RotationOutcome.Status.ROTATED);
        assertCurrentLogsIn();
        assertThat(vault.versions("team/db").version(T2)).isEmpty();
    }

    @Test
    void rotationWhileAnotherHoldsTheDatabaseLock_isBusy_andChangesNothing() throws Exception {
        try (var held = database.holdLock(RotationService.lockName(DB))) {
            var outcome = service.rotate(DB, T1);

            assertThat(outcome.status()).isEqualTo(RotationOutcome.Status.BUSY);
            assertThat(vault.versions("team/db").versions()).hasSize(1);
            assertThat(bus.published(RotationFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("database lock"));
        }
        assertThat(service.rotate(DB, T1).status()).isEqualTo(RotationOutcome.Status.ROTATED);
    }

    @Test
    void abandonedRotation_isTakenOverOnceStale_andItsLateStepsChangeNothing() {
        service.step(DB, RotationStep.CREATE_SECRET, T1, null);
        service.step(DB, RotationStep.SET_SECRET, T1, null);
        clock.advance(Duration.ofMinutes(10));

        assertThat(service.rotate(DB, T2).status()).isEqualTo(RotationOutcome.Status.ROTATED);
        var current = at(CURRENT);

        assertThatThrownBy(() -> service.step(DB, RotationStep.TEST_SECRET, T1, null)).hasMessageContaining("no longer pending");
        assertThat(service.rotate(DB, T1).status()).isEqualTo(RotationOutcome.Status.SUPERSEDED);
        assertThat(at(CURRENT)).isEqualTo(current);
        assertCurrentLogsIn();
    }

    @Test
    void hmacKey_keepsThePreviousKeyAsPrevious_andDefersARotationWithinTheGracePeriod() {
        service.rotate(JWT, T1);
        var first = vault.valueAt("team/jwt", CURRENT);
        assertThat(first).hasSize(64).isNotEqualTo("J".repeat(64));
        assertThat(vault.valueAt("team/jwt", PREVIOUS)).isEqualTo("J".repeat(64));

        clock.advance(Duration.ofDays(1));
        var tooSoon = service.rotate(JWT, T2);

        assertThat(tooSoon.status()).isEqualTo(RotationOutcome.Status.DEFERRED);
        assertThat(vault.valueAt("team/jwt", CURRENT)).isEqualTo(first);
        assertThat(bus.published(RotationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("grace period"));

        clock.advance(Duration.ofDays(7));
        assertThat(service.rotate(JWT, T2).status()).isEqualTo(RotationOutcome.Status.ROTATED);
        assertThat(vault.valueAt("team/jwt", PREVIOUS)).isEqualTo(first);
    }

    @Test
    void apiKey_getsANewRandomValueOfTheConfiguredLength() {
        service.rotate(API_KEY, T1);

        assertThat(vault.valueAt("team/api-key", CURRENT)).hasSize(40).matches("[A-Za-z0-9]+")
                .isEqualTo(vault.generated().getLast());
        assertThat(bus.published(RedeployRequested.class)).extracting(r -> r.env() + "/" + r.service())
                .containsExactly("staging/web", "prod/web");
    }

    @Test
    void singleUser_changesThePasswordInPlace_evenWhenACrashLeftTheOldOneRefused() {
        database.crashAfter("setPassword");
        assertThatThrownBy(() -> service.rotate(MASTER, T1)).isInstanceOf(RotationStepException.class);
        assertThat(database.passwordIs("master", MASTER_PASSWORD)).as("changed before the crash").isFalse();

        assertThat(service.rotate(MASTER, T1).status()).isEqualTo(RotationOutcome.Status.ROTATED);

        var current = format.read(vault.valueAt("team/db-master", CURRENT));
        assertThat(current.username()).isEqualTo("master");
        assertThat(database.passwordIs("master", current.password())).isTrue();
    }

    @Test
    void failure_publishesRotationFailed_withTheStep_andNoValueInTheReasonOrTheException() {
        var leaky = new DatabaseUsers() {
            @Override
            public void ensureUserLike(DatabaseCredentials admin, String username, String likeUser) {}

            @Override
            public void setPassword(DatabaseCredentials admin, String username, String password) {
                throw new IllegalStateException("syntax error at or near \"" + password + "\" (admin "
                        + admin.password() + ")");
            }

            @Override
            public void testLogin(DatabaseCredentials credentials) {}

            @Override
            public <T> java.util.Optional<T> exclusively(DatabaseCredentials admin, String lockName,
                                                        java.util.function.Supplier<T> work) {
                return java.util.Optional.of(work.get());
            }
        };
        service = new RotationService(CONFIG, vault, leaky, format, bus, clock, Duration.ofMinutes(5));

        var thrown = catchThrowableOfType(RotationStepException.class, () -> service.rotate(DB, T1));

        var failed = bus.published(RotationFailed.class).getFirst();
        assertThat(failed.step()).isEqualTo("setSecret");
        assertThat(thrown.step()).isEqualTo("setSecret");
        assertThat(thrown.getCause()).isNull();
        for (var value : vault.generated()) {
            assertThat(failed.reason()).doesNotContain(value);
            assertThat(thrown.getMessage()).doesNotContain(value);
        }
        assertThat(failed.reason()).doesNotContain(MASTER_PASSWORD).contains("****");
        assertThat(at(CURRENT).username()).isEqualTo("app");
    }

    @Test
    void wrongMasterPassword_failsBeforeAnythingChanges() {
        database.master("master", "SomethingElse000000000000000000000");

        assertThatThrownBy(() -> service.rotate(DB, T1)).isInstanceOf(RotationStepException.class)
                .hasMessageContaining("createSecret failed").hasMessageContaining("password authentication failed");

        assertThat(at(CURRENT).username()).isEqualTo("app");
        assertThat(vault.versions("team/db").versions()).hasSize(1);
        assertCurrentLogsIn();
        assertThat(bus.published(SecretRotated.class)).isEmpty();
    }

    @Test
    void secrets_areFoundByConfigName_byName_andByArn() {
        var arn = vault.versions("team/jwt").arn();

        assertThat(service.secretNamed("jwt-secret")).isEqualTo(JWT);
        assertThat(service.secretWithId("team/jwt")).isEqualTo(JWT);
        assertThat(service.secretWithId(arn)).isEqualTo(JWT);
        assertThatThrownBy(() -> service.secretNamed("nope")).hasMessageContaining("known: [db-password");
    }
}
