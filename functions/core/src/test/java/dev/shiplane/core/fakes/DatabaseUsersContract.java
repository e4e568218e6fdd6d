package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shiplane.core.rotation.DatabaseUsers;
import dev.shiplane.core.rotation.DatabaseCredentials;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DatabaseUsers} must do. Run against the in-memory fake (core) and PostgreSQL (functions/rotate).
 * Whether a password is really the user's is checked by {@link #passwordIs}, not by logging in: a server with
 * {@code trust} authentication lets any password in.
 */
public abstract class DatabaseUsersContract {

    protected abstract DatabaseUsers users();

    /** A user allowed to create roles and change other users' passwords. */
    protected abstract DatabaseCredentials master();

    /** An existing application user and its password. */
    protected abstract DatabaseCredentials app();

    protected abstract boolean exists(String user);

    /** Whether {@code password} is {@code user}'s password, checked against what the server stores. */
    protected abstract boolean passwordIs(String user, String password);

    /** Whether {@code user} has every privilege of {@code likeUser}. */
    protected abstract boolean hasPrivilegesOf(String user, String likeUser);

    /** Whether the server refuses a wrong password (false for {@code trust} authentication). */
    protected abstract boolean refusesWrongPasswords();

    private String cloneUser() {
        return app().username() + "_clone";
    }

    private DatabaseCredentials as(String user, String password) {
        var app = app();
        return new DatabaseCredentials(app.engine(), app.host(), app.port(), app.dbname(), user, password);
    }

    @Test
    void ensureUserLike_createsTheUserWithTheOthersPrivileges_once() {
        users().ensureUserLike(master(), cloneUser(), app().username());
        users().ensureUserLike(master(), cloneUser(), app().username());

        assertThat(exists(cloneUser())).isTrue();
        assertThat(hasPrivilegesOf(cloneUser(), app().username())).isTrue();
    }

    @Test
    void setPassword_byTheMaster_changesOnlyThatUsersPassword() {
        users().ensureUserLike(master(), cloneUser(), app().username());

        users().setPassword(master(), cloneUser(), "Clone1Password1Abcdef");

        assertThat(passwordIs(cloneUser(), "Clone1Password1Abcdef")).isTrue();
        assertThat(passwordIs(cloneUser(), "Clone1Password1Abcdeg")).isFalse();
        assertThat(passwordIs(app().username(), app().password())).isTrue();
    }

    @Test
    void setPassword_byTheUserItself_replacesItsPassword() {
        users().setPassword(app(), app().username(), "Self1Password1Abcdefgh");

        assertThat(passwordIs(app().username(), "Self1Password1Abcdefgh")).isTrue();
        assertThat(passwordIs(app().username(), app().password())).isFalse();
    }

    @Test
    void setPassword_again_isHarmless() {
        users().ensureUserLike(master(), cloneUser(), app().username());
        users().setPassword(master(), cloneUser(), "Again1Password1Abcdefg");
        users().setPassword(master(), cloneUser(), "Again1Password1Abcdefg");

        assertThat(passwordIs(cloneUser(), "Again1Password1Abcdefg")).isTrue();
    }

    @Test
    void testLogin_withTheSetPassword_succeeds() {
        users().ensureUserLike(master(), cloneUser(), app().username());
        users().setPassword(master(), cloneUser(), "Login1Password1Abcdefg");

        users().testLogin(as(cloneUser(), "Login1Password1Abcdefg"));
        users().testLogin(app());
    }

    @Test
    void testLogin_withAWrongPassword_isRefused() {
        assumeTrue(refusesWrongPasswords(), "the server lets any password in (trust authentication); passwordIs()"
                + " proves the stored password instead");

        assertThatThrownBy(() -> users().testLogin(as(app().username(), "Wrong1Password1Abcdefg")))
                .isInstanceOf(DatabaseUsers.LoginRefusedException.class)
                .hasMessageNotContaining("Wrong1Password1Abcdefg");
    }

    @Test
    void exclusively_runsTheWork_refusesASecondHolder_andReleasesTheLockAfterwards() {
        var inner = users().exclusively(master(), "rotation:team/db", () ->
                users().exclusively(master(), "rotation:team/db", () -> "second"));

        assertThat(inner).contains(java.util.Optional.empty());
        assertThat(users().exclusively(master(), "rotation:team/db", () -> "again")).contains("again");
        assertThat(users().exclusively(master(), "rotation:team/other", () ->
                users().exclusively(master(), "rotation:team/db", () -> "independent"))).contains(
                java.util.Optional.of("independent"));
    }

    @Test
    void exclusively_releasesTheLock_whenTheWorkFails() {
        assertThatThrownBy(() -> users().exclusively(master(), "rotation:team/db", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(users().exclusively(master(), "rotation:team/db", () -> "free")).contains("free");
    }

    @Test
    void setPassword_ofAMissingUser_failsWithoutQuotingThePassword() {
        assertThatThrownBy(() -> users().setPassword(master(), app().username() + "_nobody", "Secret1Password1Abcdef"))
                .hasMessageNotContaining("Secret1Password1Abcdef");
    }
}
