package org.polyplex.xtream.gate;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Xtream Codes-compatible surface: what {@code server_info} says. The public address shares
 * this prefix ({@link org.polyplex.platform.http.PublicAddressConfig}), as does the movie and
 * episode proxy ({@link org.polyplex.proxy.vod.VodConfig}); bad-login throttling is
 * {@code polyplex.auth.line-limit}.
 */
@ConfigMapping(prefix = "polyplex.xtream")
public interface XtreamConfig {

    /** IANA time zone reported in {@code server_info.timezone} and used for {@code time_now}. */
    @WithDefault("UTC")
    String timezone();

    /** {@code server_info.https_port}. */
    @WithDefault("443")
    @Min(1)
    @Max(65535)
    int httpsPort();

    /** {@code server_info.rtmp_port}. */
    @WithDefault("1935")
    @Min(1)
    @Max(65535)
    int rtmpPort();

    /** {@code user_info.allowed_output_formats}, in the order apps show them. */
    @WithDefault("m3u8,ts")
    List<String> allowedOutputFormats();

}
