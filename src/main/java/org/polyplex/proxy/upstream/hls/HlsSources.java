package org.polyplex.proxy.upstream.hls;

import java.util.Map;

import org.polyplex.proxy.upstream.api.SourceUrl;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/**
 * Entry point of the HLS source support, a kind of source: makes one {@link Upstream} per channel
 * session for an {@code http(s)://….m3u8} source. The upstream turns the live playlist into the
 * same MPEG-TS byte stream an HTTP TS source gives, so TS and HLS viewers of the channel are
 * served alike.
 */
public final class HlsSources implements UpstreamKind {

    private final Vertx vertx;
    private final HttpClient client;
    private final HlsConfig.Upstream config;

    public HlsSources(Vertx vertx, HttpClient client, HlsConfig.Upstream config) {
        this.vertx = vertx;
        this.client = client;
        this.config = config;
    }

    @Override
    public boolean supports(String url) {
        return SourceUrl.kind(url) == SourceUrl.Kind.HLS;
    }

    @Override
    public Upstream create(String url) {
        return create(url, Map.of());
    }

    /** The source's headers go on every request of the upstream: playlist, keys and segments. */
    @Override
    public Upstream create(String url, Map<String, String> headers) {
        return new HlsUpstream(vertx, client, url, headers, config);
    }
}
