package dev.shiplane.core.rotation;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Database users whose passwords a rotation changes. Every method is idempotent. Passwords are never part of an
 * exception message.
 */
public interface DatabaseUsers {

    /**
     * Creates {@code username} as a login if it does not exist, with every privilege {@code likeUser} has (the
     * alternating strategy's clone). Running it again changes nothing.
     *
     * @param admin a user allowed to create roles and grant {@code likeUser} (the master user)
     */
    void ensureUserLike(DatabaseCredentials admin, String username, String likeUser);

    /**
     * Sets {@code username}'s password, logged in as {@code admin} (the master user, or {@code username} itself).
     *
     * @throws LoginRefusedException when {@code admin}'s credentials are refused
     */
    void setPassword(DatabaseCredentials admin, String username, String password);

    /**
     * Logs in with {@code credentials} and runs a query.
     *
     * @throws LoginRefusedException when the server refuses the login
     */
    void testLogin(DatabaseCredentials credentials);

    /**
     * Runs {@code work} while holding an exclusive lock called {@code lockName} on {@code admin}'s database, so that
     * two rotations of one secret never change its users at the same time. The lock dies with its session, so a
     * crashed holder does not keep it.
     *
     * @return what {@code work} returned, or empty, without running it, when another session holds the lock
     */
    <T> Optional<T> exclusively(DatabaseCredentials admin, String lockName, Supplier<T> work);

    /** The server refused a login. The message names the user and server, never the password. */
    final class LoginRefusedException extends RuntimeException {
        public LoginRefusedException(String message) {
            super(message);
        }
    }
}
