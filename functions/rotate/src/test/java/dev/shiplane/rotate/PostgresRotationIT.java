package dev.shiplane.rotate;

import dev.shiplane.testkit.TestPostgres;
import static dev.shiplane.core.rotation.SecretVersions.CURRENT;
import static dev.shiplane.core.rotation.SecretVersions.PENDING;
import static dev.shiplane.core.rotation.SecretVersions.PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shiplane.aws.SecretsManagerVault;
import dev.shiplane.contract.rotation.JsonCredentialsFormat;
import dev.shiplane.core.config.EnvironmentSpec;
import dev.shiplane.core.config.RotationSpec;
import dev.shiplane.core.config.SecretSpec;
import dev.shiplane.core.config.SecretType;
import dev.shiplane.core.config.ServiceSpec;
import dev.shiplane.core.config.ShiplaneConfig;
import dev.shiplane.core.config.Strategy;
import dev.shiplane.core.events.SecretRotated;
import dev.shiplane.core.fakes.MutableClock;
import dev.shiplane.core.fakes.RecordingBus;
import dev.shiplane.core.policy.TagMatcher;
import dev.shiplane.core.policy.TagPolicy;
import dev.shiplane.core.rotation.DatabaseUsers;
import dev.shiplane.core.rotation.SecretVault;
import dev.shiplane.core.rotation.DatabaseCredentials;
import dev.shiplane.core.rotation.RotationOutcome;
import dev.shiplane.core.rotation.RotationService;
import dev.shiplane.core.rotation.RotationStep;
import dev.shiplane.core.rotation.RotationStepException;
import dev.shiplane.testkit.EmulatorExtension;
import dev.shiplane.testkit.TestAws;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The postgres rotation end to end with the real adapters: Secrets Manager in moto (the steps driven here, as moto's
 * RotateSecret would need Docker for a Lambda) and the machine's PostgreSQL. Passwords are proven by the server's
 * SCRAM verifiers, since local logins are trusted.
 */
@ExtendWith(EmulatorExtension.class)
class PostgresRotationIT {

    static final TagPolicy ANY = new TagPolicy(new TagMatcher.AnyTag(), false, false);
    static final SecretSpec DB = new SecretSpec("db-password", "it/db-password", SecretType.POSTGRES, "it/db-master",
            List.of("api", "web"), null, 32, true);
    static final ShiplaneConfig CONFIG = new ShiplaneConfig(
            List.of(new EnvironmentSpec("staging", "it-staging", ANY), new EnvironmentSpec("prod", "it-prod", ANY)),
            List.of(new ServiceSpec("web", List.of("it/web"), "web", "web", Strategy.ROLLING, List.of(), List.of("staging", "prod")),
                    new ServiceSpec("api", List.of("it/api"), "api", "api", Strategy.ROLLING, List.of(), List.of("prod"))),
            new RotationSpec(RotationSpec.MONTHLY, List.of(DB)));

    TestPostgres pg;
    SecretsManagerClient secretsManager;
    SecretVault vault;
    final PostgresDatabaseUsers users = new PostgresDatabaseUsers(Duration.ofSeconds(5), Duration.ofSeconds(60));
    final JsonCredentialsFormat format = new JsonCredentialsFormat();
    final RecordingBus bus = new RecordingBus();
    final MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void world(TestAws aws) {
        pg = TestPostgres.create();
        secretsManager = aws.build(SecretsManagerClient.builder());
        vault = new SecretsManagerVault(secretsManager);
        secretsManager.createSecret(r -> r.name("it/db-password").secretString(TestPostgres.secretJson(pg.app())));
        secretsManager.createSecret(r -> r.name("it/db-master").secretString(TestPostgres.secretJson(pg.master())));
    }

    @AfterEach
    void drop() {
        if (pg != null) pg.close();
    }

    RotationService service(SecretVault vault, DatabaseUsers users) {
        return new RotationService(CONFIG, vault, users, format, bus, clock, Duration.ofMinutes(5));
    }

    RotationService service() {
        return service(vault, users);
    }

    DatabaseCredentials at(String stage) {
        return format.read(vault.valueAt("it/db-password", stage));
    }

    /** What must hold whatever happened: the credentials AWSCURRENT names are the server's. */
    void assertCurrentIsValid() {
        var current = at(CURRENT);
        assertThat(pg.passwordIs(current.username(), current.password()))
                .as("AWSCURRENT's password is %s's password on the server", current.username()).isTrue();
        users.testLogin(current);
    }

    static String token() {
        return UUID.randomUUID().toString();
    }

    @Test
    void rotations_alternateUsers_newCredentialsWork_andThePreviousKeepWorkingUntilTheNextRotation() throws SQLException {
        try (var held = pg.connectAs(pg.app, pg.appPassword); var st = held.createStatement()) {
            assertThat(service().rotate(DB, token()).status()).isEqualTo(RotationOutcome.Status.ROTATED);

            var first = at(CURRENT);
            assertThat(first.username()).isEqualTo(pg.app + "_clone");
            assertThat(first.host()).isEqualTo(TestPostgres.HOST);
            assertCurrentIsValid();
            assertThat(pg.passwordIs(pg.app, pg.appPassword)).as("previous (app) still logs in").isTrue();
            assertThat(at(PREVIOUS)).isEqualTo(pg.app());
            try (var rows = st.executeQuery("SELECT count(*) FROM notes")) {
                assertThat(rows.next()).as("a connection opened before the rotation still works").isTrue();
            }
            try (var clone = pg.connectAs(first.username(), first.password()); var cst = clone.createStatement();
                 var rows = cst.executeQuery("SELECT body FROM notes")) {
                assertThat(rows.next()).as("the clone reads the base user's table").isTrue();
            }

            service().rotate(DB, token());

            var second = at(CURRENT);
            assertThat(second.username()).isEqualTo(pg.app);
            assertCurrentIsValid();
            assertThat(pg.passwordIs(pg.app, pg.appPassword)).as("the oldest password is retired").isFalse();
            assertThat(pg.passwordIs(first.username(), first.password())).as("previous (clone) still logs in").isTrue();

            service().rotate(DB, token());

            assertThat(at(CURRENT).username()).isEqualTo(pg.app + "_clone");
            assertCurrentIsValid();
            assertThat(pg.passwordIs(first.username(), first.password())).isFalse();
            assertThat(pg.passwordIs(pg.app, second.password())).isTrue();
            try (var rows = st.executeQuery("SELECT count(*) FROM notes")) {
                assertThat(rows.next()).as("and it still works after three rotations").isTrue();
            }
        }
        assertThat(bus.published(SecretRotated.class)).hasSize(3);
    }

    @ParameterizedTest(name = "crash {0}, then the rotation runs again")
    @ValueSource(strings = {"after step createSecret", "after step setSecret", "after step testSecret",
            "after step finishSecret", "inside: vault.putPending", "inside: users.ensureUserLike",
            "inside: users.setPassword", "inside: users.testLogin", "inside: vault.moveStage#1",
            "inside: vault.moveStage#2"})
    void aCrashAnywhere_thenARerun_endsRotatedWithWorkingCredentials(String where) {
        var token = token();
        if (where.startsWith("after step ")) {
            var last = RotationStep.fromCode(where.substring("after step ".length()));
            for (var step : RotationStep.values()) {
                service().step(DB, step, token, null);
                if (step == last) break;
            }
        } else {
            var spec = where.substring("inside: ".length()).split("[.#]");
            int occurrence = spec.length > 2 ? Integer.parseInt(spec[2]) : 1;
            var crashing = spec[0].equals("vault")
                    ? service(CrashAfter.wrap(SecretVault.class, vault, spec[1], occurrence), users)
                    : service(vault, CrashAfter.wrap(DatabaseUsers.class, users, spec[1], occurrence));
            assertThatThrownBy(() -> crashing.rotate(DB, token)).isInstanceOf(RotationStepException.class)
                    .hasMessageContaining("crash injected");
        }
        assertCurrentIsValid();

        var outcome = service().rotate(DB, token);

        assertThat(outcome.status()).isEqualTo(RotationOutcome.Status.ROTATED);
        assertThat(at(CURRENT).username()).isEqualTo(pg.app + "_clone");
        assertCurrentIsValid();
        assertThat(pg.passwordIs(pg.app, pg.appPassword)).isTrue();
        assertThat(vault.versions("it/db-password").withStage(PENDING)).isEmpty();
        assertThat(bus.published(SecretRotated.class)).extracting(SecretRotated::versionId).containsOnly(token);
    }

    @Test
    void overlappingRotations_inParallel_neverCorruptTheSecret() throws Exception {
        for (int round = 0; round < 3; round++) {
            var barrier = new CyclicBarrier(2);
            List<CompletableFuture<RotationOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                var token = token();
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return service().rotate(DB, token);
                }));
            }
            List<RotationOutcome.Status> statuses = new ArrayList<>();
            for (var run : runs) {
                try {
                    statuses.add(run.get().status());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(RotationStepException.class);
                }
            }

            assertThat(statuses).contains(RotationOutcome.Status.ROTATED)
                    .allMatch(s -> s == RotationOutcome.Status.ROTATED || s == RotationOutcome.Status.BUSY);
            assertCurrentIsValid();
            var previous = at(PREVIOUS);
            assertThat(pg.passwordIs(previous.username(), previous.password())).as("previous still valid").isTrue();
            assertThat(vault.versions("it/db-password").withStage(PENDING)).isEmpty();
        }
    }

    @Test
    void aRotationStartedWhileAnotherIsPending_isBusy_andTheFirstFinishes() {
        var first = token();
        service().step(DB, RotationStep.CREATE_SECRET, first, null);
        service().step(DB, RotationStep.SET_SECRET, first, null);

        assertThat(service().rotate(DB, token()).status()).isEqualTo(RotationOutcome.Status.BUSY);
        assertCurrentIsValid();

        assertThat(service().rotate(DB, first).status()).isEqualTo(RotationOutcome.Status.ROTATED);
        assertCurrentIsValid();
    }

    @Test
    void anAbandonedRotation_isTakenOverOnceStale_andItsLateStepsChangeNothing() {
        var abandoned = token();
        service().step(DB, RotationStep.CREATE_SECRET, abandoned, null);
        service().step(DB, RotationStep.SET_SECRET, abandoned, null);
        clock.advance(Duration.ofMinutes(10));

        assertThat(service().rotate(DB, token()).status()).isEqualTo(RotationOutcome.Status.ROTATED);
        var current = at(CURRENT);

        assertThatThrownBy(() -> service().step(DB, RotationStep.TEST_SECRET, abandoned, null))
                .hasMessageContaining("no longer pending");
        assertThat(service().rotate(DB, abandoned).status()).isEqualTo(RotationOutcome.Status.SUPERSEDED);
        assertThat(at(CURRENT)).isEqualTo(current);
        assertCurrentIsValid();
    }
}
