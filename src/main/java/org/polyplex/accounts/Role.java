package org.polyplex.accounts;

/** Role names as stored in {@code users.role} and carried in the {@code groups} claim of tokens. */
public final class Role {

    /** May call {@code /api/**}. */
    public static final String ADMIN = "admin";

    /** An Xtream subscriber only. */
    public static final String SUBSCRIBER = "subscriber";

    private Role() {
    }
}
