package org.polyplex.proxy.upstream;

import java.time.Duration;
import java.util.Optional;

import org.polyplex.proxy.upstream.ace.AceStreamEngine;

import io.vertx.core.http.HttpClient;

/**
 * Makes an {@link Upstream} for a source URL, or none when this node cannot play that kind of
 * source. AceStream plugs in through {@link org.polyplex.proxy.upstream.ace.AceStreamEngine}; kinds
 * this node cannot play are skipped by the session to the next source.
 */
public final class UpstreamFactory {

    private final HttpClient client;
    private final int maxRedirects;
    private final Duration readGuard;
    private final AceStreamEngine ace;

    /**
     * @param readGuard the HTTP request's own idle timeout, a backstop behind the session's
     *        first-byte and idle watchdog
     */
    public UpstreamFactory(HttpClient client, int maxRedirects, Duration readGuard) {
        this(client, maxRedirects, readGuard, null);
    }

    /** @param ace the AceStream engine, or null when this node plays no AceStream sources */
    public UpstreamFactory(HttpClient client, int maxRedirects, Duration readGuard, AceStreamEngine ace) {
        this.client = client;
        this.maxRedirects = maxRedirects;
        this.readGuard = readGuard;
        this.ace = ace;
    }

    public Optional<Upstream> create(String url) {
        return switch (SourceUrl.kind(url)) {
            case HTTP_TS -> Optional.of(new HttpTsUpstream(client, url, maxRedirects, readGuard));
            case ACESTREAM -> ace == null ? Optional.empty()
                    : ace.create(url, playback -> new HttpTsUpstream(client, playback, maxRedirects, readGuard));
            case HLS, UNSUPPORTED -> Optional.empty();
        };
    }

    /** Whether {@link #create} can make an upstream for this URL on this node. */
    public boolean supports(String url) {
        return switch (SourceUrl.kind(url)) {
            case HTTP_TS -> true;
            case ACESTREAM -> ace != null && ace.enabled() && AceStreamEngine.contentId(url).isPresent();
            case HLS, UNSUPPORTED -> false;
        };
    }
}
