package org.polyplex.proxy.upstream;

import java.time.Duration;
import java.util.Optional;

import io.vertx.core.http.HttpClient;

/**
 * Makes an {@link Upstream} for a source URL, or none when this node cannot play that kind of
 * source yet. HLS and AceStream sources plug in here (issue 5); until then the session skips
 * them to the next source.
 */
public final class UpstreamFactory {

    private final HttpClient client;
    private final int maxRedirects;
    private final Duration readGuard;

    /**
     * @param readGuard the HTTP request's own idle timeout, a backstop behind the session's
     *        first-byte and idle watchdog
     */
    public UpstreamFactory(HttpClient client, int maxRedirects, Duration readGuard) {
        this.client = client;
        this.maxRedirects = maxRedirects;
        this.readGuard = readGuard;
    }

    public Optional<Upstream> create(String url) {
        return switch (SourceUrl.kind(url)) {
            case HTTP_TS -> Optional.of(new HttpTsUpstream(client, url, maxRedirects, readGuard));
            case HLS, ACESTREAM, UNSUPPORTED -> Optional.empty();
        };
    }
}
