package org.polyplex.platform.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of every fetch a {@link BlockingFetcher} makes.
 *
 * @param connectTimeout longest TCP (and TLS) connect
 * @param readTimeout longest wait for the response headers or for the next bytes of the body: a
 *        stalled transfer fails after this
 * @param deadline longest the whole fetch may take, redirects and body included, measured until
 *        the body is closed: a slow endless body is cut here
 * @param maxTransferBytes most bytes read from the connection (the compressed size of a gzip body)
 * @param maxBodyBytes most bytes of the body the caller reads, after gzip decoding: the gzip-bomb
 *        guard
 * @param maxRedirects redirects followed (0 to 20); http to https is followed, https to http never
 * @param userAgent the {@code User-Agent} sent
 */
public record FetchPolicy(Duration connectTimeout, Duration readTimeout, Duration deadline, long maxTransferBytes,
        long maxBodyBytes, int maxRedirects, String userAgent) {

    public FetchPolicy {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(deadline, "deadline");
        if (maxTransferBytes <= 0 || maxBodyBytes <= 0) {
            throw new IllegalArgumentException("size caps must be positive");
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be 0 to 20");
        }
        Objects.requireNonNull(userAgent, "userAgent");
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
