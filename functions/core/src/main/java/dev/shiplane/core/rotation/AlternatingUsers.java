package dev.shiplane.core.rotation;

/**
 * The alternating-users strategy's naming: a base user ({@code app}) and its clone ({@code app_clone}). Each rotation
 * changes the password of the user the secret does not currently name, so connections made with the current
 * credentials keep working while the other user's are replaced. Pure.
 */
public final class AlternatingUsers {

    public static final String CLONE_SUFFIX = "_clone";

    private AlternatingUsers() {}

    /** The user the next rotation sets a password for: the clone of a base user, the base of a clone. */
    public static String next(String currentUser) {
        requireName(currentUser);
        return isClone(currentUser) ? base(currentUser) : currentUser + CLONE_SUFFIX;
    }

    /** The base user: the one created by people, whose privileges the clone inherits. */
    public static String base(String user) {
        requireName(user);
        return isClone(user) ? user.substring(0, user.length() - CLONE_SUFFIX.length()) : user;
    }

    public static boolean isClone(String user) {
        return user.endsWith(CLONE_SUFFIX) && user.length() > CLONE_SUFFIX.length();
    }

    private static void requireName(String user) {
        if (user == null || user.isBlank() || user.equals(CLONE_SUFFIX)) {
            throw new IllegalArgumentException("'" + user + "' is not a database user name");
        }
        // PostgreSQL truncates identifiers to 63 bytes: app_clone would silently become another name.
        if (user.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + CLONE_SUFFIX.length() > 63
                && !user.endsWith(CLONE_SUFFIX)) {
            throw new IllegalArgumentException("user name '" + user + "' is too long to get a " + CLONE_SUFFIX
                    + " twin within PostgreSQL's 63-byte identifiers");
        }
    }
}
