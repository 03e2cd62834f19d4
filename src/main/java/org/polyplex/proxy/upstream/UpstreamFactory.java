package org.polyplex.proxy.upstream;

import java.time.Duration;
import java.util.Optional;

import org.polyplex.proxy.upstream.ace.AceStreamEngine;
import org.polyplex.proxy.upstream.hls.HlsSources;

import io.vertx.core.http.HttpClient;

/**
 * Makes an {@link Upstream} for a source URL, or none when this node cannot play that kind of
 * source. AceStream and HLS plug in through {@link AceStreamEngine} and {@link HlsSources}; kinds
 * this node cannot play are skipped by the session to the next source.
 */
public final class UpstreamFactory {

    private final HttpClient client;
    private final int maxRedirects;
    private final Duration readGuard;
    private final AceStreamEngine ace;
    private final HlsSources hls;

    /**
     * @param readGuard the HTTP request's own idle timeout, a backstop behind the session's
     *        first-byte and idle watchdog
     */
    public UpstreamFactory(HttpClient client, int maxRedirects, Duration readGuard) {
        this(client, maxRedirects, readGuard, null, null);
    }

    /**
     * @param ace the AceStream engine, or null when this node plays no AceStream sources
     * @param hls the HLS source reader, or null when this node plays no HLS sources
     */
    public UpstreamFactory(HttpClient client, int maxRedirects, Duration readGuard, AceStreamEngine ace,
            HlsSources hls) {
        this.client = client;
        this.maxRedirects = maxRedirects;
        this.readGuard = readGuard;
        this.ace = ace;
        this.hls = hls;
    }

    public Optional<Upstream> create(String url) {
        return switch (SourceUrl.kind(url)) {
            case HTTP_TS -> Optional.of(new HttpTsUpstream(client, url, maxRedirects, readGuard));
            case ACESTREAM -> ace == null ? Optional.empty()
                    : ace.create(url, playback -> new HttpTsUpstream(client, playback, maxRedirects, readGuard));
            case HLS -> hls == null ? Optional.empty() : Optional.of(hls.create(url));
            case UNSUPPORTED -> Optional.empty();
        };
    }

    /** Whether {@link #create} can make an upstream for this URL on this node. */
    public boolean supports(String url) {
        return switch (SourceUrl.kind(url)) {
            case HTTP_TS -> true;
            case ACESTREAM -> ace != null && ace.enabled() && AceStreamEngine.contentId(url).isPresent();
            case HLS -> hls != null;
            case UNSUPPORTED -> false;
        };
    }
}
