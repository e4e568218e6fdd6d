package dev.shiplane.rotate;

import dev.shiplane.testkit.ScramVerifier;
import dev.shiplane.testkit.TestPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier check itself, against passwords the server hashed: it must accept the right one and only it. */
class ScramVerifierTest {

    TestPostgres pg;

    @BeforeEach
    void world() {
        pg = TestPostgres.create();
    }

    @AfterEach
    void drop() {
        pg.close();
    }

    @Test
    void theServersVerifier_acceptsThePasswordItWasMadeFrom_andNothingElse() {
        assertThat(pg.passwordIs(pg.app, pg.appPassword)).isTrue();
        assertThat(pg.passwordIs(pg.app, pg.appPassword + "x")).isFalse();
        assertThat(pg.passwordIs(pg.app, pg.masterPassword)).isFalse();
        assertThat(pg.passwordIs(pg.master, pg.masterPassword)).isTrue();
    }
}
