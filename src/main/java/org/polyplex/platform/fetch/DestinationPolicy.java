package org.polyplex.platform.fetch;

import java.net.URI;

/**
 * Where a fetch may go, asked for the first URL and again for every redirect target before
 * anything connects to it: the hook a server-side-request-forgery guard plugs into.
 */
@FunctionalInterface
public interface DestinationPolicy {

    /** Every http(s) destination. */
    DestinationPolicy ANY = uri -> null;

    /** Why {@code uri} must not be fetched (a short reason, no credentials), or null when it may. */
    String refusal(URI uri);
}
