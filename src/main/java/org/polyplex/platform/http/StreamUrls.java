package org.polyplex.platform.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the Xtream stream URLs apps play: {@code /live/u/p/ID.ext} (served by the stream proxy),
 * {@code /movie/u/p/ID.ext} and {@code /series/u/p/ID.ext} (served by {@code proxy.vod}).
 * Credentials are percent-encoded as path segments. Pure.
 */
public final class StreamUrls {

    private final String base;
    private final String credentials;
    private final String query;

    public StreamUrls(ServerAddress address, String username, String password) {
        this.base = address.baseUrl();
        this.credentials = segment(username) + "/" + segment(password);
        this.query = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /** A live channel; {@code extension} is {@code ts} or {@code m3u8}. */
    public String live(long channelId, String extension) {
        return base + "/live/" + credentials + "/" + channelId + "." + extension;
    }

    /**
     * The catch-up template of a live channel for the M3U {@code catchup-source}: the query form
     * of {@code /streaming/timeshift.php} with the programme's Unix start and end, the
     * placeholders Kodi pvr.iptvsimple and TiviMate fill in ({@code {utc}}, {@code {utcend}}), so
     * no local time and no time zone is involved.
     */
    public String catchup(long channelId) {
        return base + "/streaming/timeshift.php?" + query + "&stream=" + channelId + "&start={utc}&end={utcend}";
    }

    public String movie(long movieId, String extension) {
        return base + "/movie/" + credentials + "/" + movieId + "." + extension;
    }

    public String episode(long episodeId, String extension) {
        return base + "/series/" + credentials + "/" + episodeId + "." + extension;
    }

    /** The account's M3U playlist ({@code get.php}, extended form); {@code output} is {@code ts} or {@code m3u8}. */
    public String m3u(String output) {
        return base + "/get.php?" + query + "&type=m3u_plus&output=" + output;
    }

    /** The XMLTV guide of this account, for {@code x-tvg-url}. */
    public String xmltv() {
        return base + "/xmltv.php?" + query;
    }

    /** Percent-encodes one path segment (URLEncoder is for forms: it writes spaces as "+" and escapes the unreserved "~"). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }
}
