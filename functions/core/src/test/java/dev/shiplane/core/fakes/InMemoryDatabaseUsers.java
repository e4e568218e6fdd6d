package dev.shiplane.core.fakes;

import dev.shiplane.core.rotation.DatabaseUsers;
import dev.shiplane.core.rotation.DatabaseCredentials;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Database users with password authentication enforced (as RDS does with scram), in memory. */
public final class InMemoryDatabaseUsers implements DatabaseUsers {

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Set<String>> memberOf = new HashMap<>();
    private final Set<String> roleCreators = new HashSet<>();
    private final Crashes crashes = new Crashes();
    private final Set<String> locks = new HashSet<>();

    /** A user that may create roles and change other users' passwords. */
    public synchronized void master(String user, String password) {
        passwords.put(user, password);
        roleCreators.add(user);
    }

    public synchronized void user(String user, String password) {
        passwords.put(user, password);
    }

    public synchronized boolean exists(String user) {
        return passwords.containsKey(user);
    }

    public synchronized boolean passwordIs(String user, String password) {
        return password != null && password.equals(passwords.get(user));
    }

    public synchronized Set<String> rolesOf(String user) {
        return Set.copyOf(memberOf.getOrDefault(user, Set.of()));
    }

    public void crashAfter(String operation) {
        crashes.arm(operation, 1);
    }

    /** Like {@link #crashAfter(String)}, at the {@code occurrence}-th call from now. */
    public void crashAfter(String operation, int occurrence) {
        crashes.arm(operation, occurrence);
    }

    @Override
    public synchronized void ensureUserLike(DatabaseCredentials admin, String username, String likeUser) {
        login(admin);
        if (!roleCreators.contains(admin.username())) {
            throw new IllegalStateException("permission denied to create role " + username);
        }
        if (!passwords.containsKey(likeUser)) throw new IllegalStateException("role " + likeUser + " does not exist");
        passwords.putIfAbsent(username, null);
        memberOf.computeIfAbsent(username, u -> new HashSet<>()).add(likeUser);
        crashes.check("ensureUserLike");
    }

    @Override
    public synchronized void setPassword(DatabaseCredentials admin, String username, String password) {
        login(admin);
        if (!admin.username().equals(username) && !roleCreators.contains(admin.username())) {
            throw new IllegalStateException("permission denied to alter role " + username);
        }
        if (!passwords.containsKey(username)) throw new IllegalStateException("role " + username + " does not exist");
        passwords.put(username, password);
        crashes.check("setPassword");
    }

    @Override
    public synchronized void testLogin(DatabaseCredentials credentials) {
        login(credentials);
        crashes.check("testLogin");
    }

    @Override
    public <T> Optional<T> exclusively(DatabaseCredentials admin, String lockName, Supplier<T> work) {
        synchronized (this) {
            login(admin);
            if (!locks.add(lockName)) return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            synchronized (this) {
                locks.remove(lockName);
            }
        }
    }

    /** Holds {@code lockName} as another session would, until the returned handle is closed. */
    public synchronized AutoCloseable holdLock(String lockName) {
        locks.add(lockName);
        return () -> {
            synchronized (this) {
                locks.remove(lockName);
            }
        };
    }

    private void login(DatabaseCredentials credentials) {
        if (!passwordIs(credentials.username(), credentials.password())) {
            throw new LoginRefusedException("password authentication failed for user " + credentials.username()
                    + " at " + credentials.where());
        }
    }
}
