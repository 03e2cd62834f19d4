package org.polyplex.proxy.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.proxy.upstream.ace.AceStreamEngine;
import org.polyplex.proxy.upstream.api.Upstream;
import org.polyplex.proxy.upstream.api.UpstreamKind;
import org.polyplex.proxy.upstream.hls.HlsSources;
import org.polyplex.proxy.upstream.http.HttpTsKind;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * Makes an {@link Upstream} for a source URL, or none when this node cannot play it: asks its
 * {@link UpstreamKind}s in order and uses the first that supports the URL. Sessions skip a source
 * with no kind to the next one. A new kind of source is one more kind in {@link #of}'s list (or,
 * from a feature outside the proxy, an {@code UpstreamKind} bean, which the wiring adds).
 * Thread-safe.
 */
public final class UpstreamFactory {

    private final List<UpstreamKind> kinds;

    public UpstreamFactory(List<UpstreamKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** The factory of a node that plays HTTP MPEG-TS sources only. */
    public static UpstreamFactory of(HttpClient client, ProxyConfig config) {
        return of(client, config, null, null, List.of());
    }

    /**
     * Every kind this node plays, most specific first: HLS before HTTP TS, since both are http(s).
     *
     * @param ace the AceStream engine, or null to skip AceStream sources; likewise {@code hls}
     * @param more kinds contributed by other features, asked before the built-in ones
     */
    public static UpstreamFactory of(HttpClient client, ProxyConfig config, AceStreamEngine ace, HlsSources hls,
            List<UpstreamKind> more) {
        long guardMs = Math.max(config.upstream().firstByteTimeout().toMillis(), config.upstream().idleTimeout().toMillis());
        HttpTsKind httpTs = new HttpTsKind(client, config.upstream().maxRedirects(), Duration.ofMillis(guardMs * 2));
        List<UpstreamKind> kinds = new ArrayList<>(more);
        if (hls != null) {
            kinds.add(hls);
        }
        if (ace != null) {
            kinds.add(ace.kind(httpTs::create));
        }
        kinds.add(httpTs);
        return new UpstreamFactory(kinds);
    }

    /** The client all sessions share: no keep-alive, so closing an upstream closes its socket. */
    public static HttpClient client(Vertx vertx, ProxyConfig config) {
        return vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.upstream().connectTimeout().toMillis())
                .setKeepAlive(false)
                .setMaxPoolSize(Math.max(config.session().maxSessions(), 1))
                .setTryUseCompression(false));
    }

    /** A new, unopened upstream for the URL, or empty when no kind of this node plays it. */
    public Optional<Upstream> create(String url) {
        return create(url, Map.of());
    }

    /** As {@link #create(String)}, with the HTTP headers the source's requests carry. */
    public Optional<Upstream> create(String url, Map<String, String> headers) {
        for (UpstreamKind kind : kinds) {
            if (kind.supports(url)) {
                return Optional.of(kind.create(url, headers));
            }
        }
        return Optional.empty();
    }

    /** Whether {@link #create} can make an upstream for this URL on this node. */
    public boolean supports(String url) {
        for (UpstreamKind kind : kinds) {
            if (kind.supports(url)) {
                return true;
            }
        }
        return false;
    }
}
