package dev.shiplane.core.fakes;

import dev.shiplane.core.rotation.DatabaseUsers;
import dev.shiplane.core.rotation.DatabaseCredentials;

class InMemoryDatabaseUsersTest extends DatabaseUsersContract {

    private final InMemoryDatabaseUsers users = new InMemoryDatabaseUsers();

    InMemoryDatabaseUsersTest() {
        users.master("master", "Master1Password1Abcdef");
        users.user("app", "App1Password1Abcdefghi");
    }

    @Override
    protected DatabaseUsers users() {
        return users;
    }

    @Override
    protected DatabaseCredentials master() {
        return new DatabaseCredentials("postgres", "db", 5432, "appdb", "master", "Master1Password1Abcdef");
    }

    @Override
    protected DatabaseCredentials app() {
        return new DatabaseCredentials("postgres", "db", 5432, "appdb", "app", "App1Password1Abcdefghi");
    }

    @Override
    protected boolean exists(String user) {
        return users.exists(user);
    }

    @Override
    protected boolean passwordIs(String user, String password) {
        return users.passwordIs(user, password);
    }

    @Override
    protected boolean hasPrivilegesOf(String user, String likeUser) {
        return users.rolesOf(user).contains(likeUser);
    }

    @Override
    protected boolean refusesWrongPasswords() {
        return true;
    }
}
