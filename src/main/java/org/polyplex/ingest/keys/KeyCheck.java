package org.polyplex.ingest.keys;

import java.util.Optional;

/**
 * The answer of {@link StreamKeys#verify(String, String)}: the key's stream and key ids, a bad key
 * (unknown, revoked, malformed: not told apart, so a guesser learns nothing), or an address that
 * failed too often and was not checked (the RTMP gate answers it {@code Unauthorized}).
 */
public sealed interface KeyCheck permits VerifiedKey, KeyCheck.BadKey, KeyCheck.Limited {

    /** The verified key, or empty for a refusal. */
    default Optional<VerifiedKey> verified() {
        return this instanceof VerifiedKey v ? Optional.of(v) : Optional.empty();
    }

    /** Unknown, revoked or malformed key. */
    record BadKey() implements KeyCheck {
    }

    /** The address is refused for failing too often; the key was not looked at. */
    record Limited() implements KeyCheck {
    }
}
