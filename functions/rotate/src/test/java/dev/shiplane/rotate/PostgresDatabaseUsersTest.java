package dev.shiplane.rotate;

import dev.shiplane.testkit.TestPostgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.fakes.DatabaseUsersContract;
import dev.shiplane.core.rotation.DatabaseUsers;
import dev.shiplane.core.rotation.DatabaseCredentials;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DatabaseUsers contract on the machine's PostgreSQL, plus what only a real server can show. */
class PostgresDatabaseUsersTest extends DatabaseUsersContract {

    TestPostgres pg;
    final PostgresDatabaseUsers users = new PostgresDatabaseUsers(Duration.ofSeconds(5), Duration.ofSeconds(60));

    @BeforeEach
    void world() {
        pg = TestPostgres.create();
    }

    @AfterEach
    void drop() {
        pg.close();
    }

    @Override
    protected DatabaseUsers users() {
        return users;
    }

    @Override
    protected DatabaseCredentials master() {
        return pg.master();
    }

    @Override
    protected DatabaseCredentials app() {
        return pg.app();
    }

    @Override
    protected boolean exists(String user) {
        return pg.exists(user);
    }

    @Override
    protected boolean passwordIs(String user, String password) {
        return pg.passwordIs(user, password);
    }

    @Override
    protected boolean hasPrivilegesOf(String user, String likeUser) {
        return pg.hasPrivilegesOf(user, likeUser);
    }

    @Override
    protected boolean refusesWrongPasswords() {
        return TestPostgres.refusesWrongPasswords();
    }

    @Test
    void theClonesSessions_actAsTheBaseUser_soWhatTheyCreateStaysTheBaseUsers() throws SQLException {
        var clone = pg.app + "_clone";
        users.ensureUserLike(pg.master(), clone, pg.app);
        users.setPassword(pg.master(), clone, "Clone1Password1Abcdefg");

        try (var session = pg.connectAs(clone, "Clone1Password1Abcdefg"); var st = session.createStatement()) {
            try (var rows = st.executeQuery("SELECT current_user, session_user, (SELECT count(*) FROM notes)")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo(pg.app);
                assertThat(rows.getString(2)).isEqualTo(clone);
                assertThat(rows.getLong(3)).isEqualTo(1);
            }
            st.execute("CREATE TABLE made_by_clone (id int)");
            try (var rows = st.executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = 'made_by_clone'")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo(pg.app);
            }
        }
    }

    @Test
    void anOpenConnection_survivesAChangeOfItsUsersPassword() throws SQLException {
        try (var held = pg.connectAs(pg.app, pg.appPassword); var st = held.createStatement()) {
            users.setPassword(pg.master(), pg.app, "Changed1Password1Abcdef");

            try (var rows = st.executeQuery("SELECT count(*) FROM notes")) {
                assertThat(rows.next()).isTrue();
            }
        }
        assertThat(pg.passwordIs(pg.app, "Changed1Password1Abcdef")).isTrue();
    }
}
