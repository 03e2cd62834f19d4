package org.polyplex.xtream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Xtream Codes-compatible surface: what {@code server_info} says and VOD proxying; bad-login throttling is
 * {@code polyplex.auth.line-limit}.
 */
@ConfigMapping(prefix = "polyplex.xtream")
public interface XtreamConfig {

    /** IANA time zone reported in {@code server_info.timezone} and used for {@code time_now}. */
    @WithDefault("UTC")
    String timezone();

    /**
     * Public host name (no scheme, no port) for {@code server_info.url} and for the URLs in
     * playlists; when unset, the request's {@code Host} header is used.
     */
    Optional<String> publicHost();

    /** Public HTTP port; when unset, the port of the request's {@code Host} (or 80/443 by scheme). */
    Optional<Integer> publicPort();

    /** Public scheme ({@code http} or {@code https}); when unset, the request's scheme. */
    Optional<String> publicScheme();

    /** {@code server_info.https_port}. */
    @WithDefault("443")
    int httpsPort();

    /** {@code server_info.rtmp_port}. */
    @WithDefault("1935")
    int rtmpPort();

    /** {@code user_info.allowed_output_formats}, in the order apps show them. */
    @WithDefault("m3u8,ts")
    List<String> allowedOutputFormats();

    /** 1:1 proxying of movies and episodes. */
    Vod vod();

    /** Timeouts and bounds of the movie and episode proxy. */
    interface Vod {

        /** Connect timeout to the upstream file server. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Time without any byte from the upstream before the transfer is aborted. */
        @WithDefault("PT30S")
        Duration idleTimeout();

        /** Most upstream connections kept open per upstream host. */
        @WithDefault("64")
        int maxConnectionsPerHost();

        /** Upstream redirects followed (file hosts often redirect to a CDN). */
        @WithDefault("5")
        int maxRedirects();
    }
}
