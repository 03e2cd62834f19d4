package org.polyplex.proxy.upstream.http;

import java.time.Duration;
import java.util.Map;

import org.polyplex.proxy.upstream.api.SourceUrl;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;

import io.vertx.core.http.HttpClient;

/**
 * Entry point of the HTTP(S) MPEG-TS sources: every {@code http(s)://} URL that is not an HLS
 * playlist. Also the reader other kinds use for a TS stream they found (AceStream's playback URL).
 */
public final class HttpTsKind implements UpstreamKind {

    private final HttpClient client;
    private final int maxRedirects;
    private final Duration readGuard;

    /**
     * @param readGuard the HTTP request's own idle timeout, a backstop behind the session's
     *        first-byte and idle watchdog
     */
    public HttpTsKind(HttpClient client, int maxRedirects, Duration readGuard) {
        this.client = client;
        this.maxRedirects = maxRedirects;
        this.readGuard = readGuard;
    }

    @Override
    public boolean supports(String url) {
        return SourceUrl.kind(url) == SourceUrl.Kind.HTTP_TS;
    }

    @Override
    public Upstream create(String url) {
        return create(url, Map.of());
    }

    @Override
    public Upstream create(String url, Map<String, String> headers) {
        return new HttpTsUpstream(client, url, headers, maxRedirects, readGuard);
    }
}
