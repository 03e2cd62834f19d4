package org.polyplex.accounts.auth;

/** Whether a line may be used for one request, and why not. */
public sealed interface AccessVerdict {

    /** The singleton for an allowed request. */
    AccessVerdict ALLOWED = new Allowed();

    /** Every rule passed. */
    record Allowed() implements AccessVerdict {
    }

    /**
     * A rule refused the request.
     *
     * @param code a fixed word ({@code format_not_allowed}, {@code address_not_allowed},
     *        {@code user_agent_not_allowed}, {@code first_address_only}): a metrics label, never user input
     * @param message what the player is told; names no credential
     */
    record Refused(String code, String message) implements AccessVerdict {
    }
}
