package org.polyplex.accounts.auth;

import java.time.Instant;

/**
 * The latest refusal of a line by its access rules on this node, as the admin API shows it: which
 * rule, what the player was told, from which address, when. Kept in memory only (one per line).
 */
public record AccessRefusal(String code, String message, String address, Instant at) {
}
