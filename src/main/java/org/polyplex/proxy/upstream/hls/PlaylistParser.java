package org.polyplex.proxy.upstream.hls;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Parses HLS playlists (RFC 8216) into {@link Playlist}s, resolving URIs against the playlist's
 * own URL. Pure. Anything it cannot trust (no {@code #EXTM3U}, no target duration, a media
 * playlist with no segment, bad numbers, a key method other than NONE/AES-128) is an
 * {@link IllegalArgumentException} with a log-safe message.
 */
final class PlaylistParser {

    private PlaylistParser() {
    }

    /** The playlist's own URL as a base; never {@code URI.create}'s message, which holds the URL. */
    private static URI base(String baseUrl) {
        try {
            return URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("playlist URL is not a URI");
        }
    }

    static Playlist parse(String text, String baseUrl) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].strip().replace("\uFEFF", "").equals("#EXTM3U")) {
            throw new IllegalArgumentException("not a playlist (no #EXTM3U)");
        }
        Reading reading = new Reading(base(baseUrl));
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                reading.tag(line);
            } else if (!line.isEmpty()) {
                reading.uri(line);
            }
        }
        return reading.playlist();
    }

    /** What the lines read so far say; one per parse. */
    private static final class Reading {
        private final URI base;
        private final List<Playlist.Variant> variants = new ArrayList<>();
        private final List<Playlist.Segment> segments = new ArrayList<>();
        private double target = -1;
        private long sequence;
        private boolean ended;
        private boolean discontinuity;
        private double duration = -1;
        private long pendingBandwidth = -1;
        private Playlist.Key key;

        Reading(URI base) {
            this.base = base;
        }

        /** A tag line; unknown tags are ignored, as RFC 8216 asks. */
        void tag(String line) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                String bandwidth = attributes(line.substring(18)).get("BANDWIDTH");
                pendingBandwidth = bandwidth == null ? 0 : number(bandwidth, "BANDWIDTH");
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = decimal(line.substring(22), "target duration");
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = number(line.substring(22).strip(), "media sequence");
            } else if (line.startsWith("#EXTINF:")) {
                String value = line.substring(8);
                int comma = value.indexOf(',');
                duration = decimal(comma < 0 ? value : value.substring(0, comma), "segment duration");
            } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                discontinuity = true;
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (line.startsWith("#EXT-X-KEY:")) {
                key = key(attributes(line.substring(11)), base);
            }
        }

        /** A URI line: the variant of the stream tag before it, or the segment of the tags before it. */
        void uri(String line) {
            String uri = resolve(base, line);
            if (pendingBandwidth >= 0) {
                variants.add(new Playlist.Variant(uri, pendingBandwidth));
                pendingBandwidth = -1;
                return;
            }
            if (duration < 0) {
                throw new IllegalArgumentException("segment without #EXTINF");
            }
            segments.add(new Playlist.Segment(uri, duration, sequence + segments.size(), discontinuity, key));
            discontinuity = false;
            duration = -1;
        }

        Playlist playlist() {
            if (!variants.isEmpty()) {
                if (!segments.isEmpty()) {
                    throw new IllegalArgumentException("playlist mixes variants and segments");
                }
                return new Playlist.Master(List.copyOf(variants));
            }
            if (target <= 0) {
                throw new IllegalArgumentException("media playlist without #EXT-X-TARGETDURATION");
            }
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("media playlist without segments");
            }
            return new Playlist.Media(target, sequence, ended, List.copyOf(segments));
        }
    }

    /** The best variant at or under {@code maxBandwidth} (0 = no limit), else the lowest. */
    static Playlist.Variant pick(Playlist.Master master, long maxBandwidth) {
        Playlist.Variant best = null;
        Playlist.Variant lowest = null;
        for (Playlist.Variant v : master.variants()) {
            if (lowest == null || v.bandwidth() < lowest.bandwidth()) {
                lowest = v;
            }
            boolean fits = maxBandwidth <= 0 || v.bandwidth() <= maxBandwidth;
            if (fits && (best == null || v.bandwidth() > best.bandwidth())) {
                best = v;
            }
        }
        return best != null ? best : lowest;
    }

    private static Playlist.Key key(Map<String, String> attrs, URI base) {
        String method = attrs.getOrDefault("METHOD", "");
        if (method.equals("NONE")) {
            return null;
        }
        if (!method.equals("AES-128")) {
            throw new IllegalArgumentException("unsupported key method " + method.replaceAll("[^A-Z0-9-]", ""));
        }
        String uri = attrs.get("URI");
        if (uri == null || uri.isEmpty()) {
            throw new IllegalArgumentException("AES-128 key without URI");
        }
        String iv = attrs.get("IV");
        byte[] ivBytes = null;
        if (iv != null) {
            String hex = iv.startsWith("0x") || iv.startsWith("0X") ? iv.substring(2) : iv;
            if (hex.length() != 32) {
                throw new IllegalArgumentException("IV is not 128 bits");
            }
            try {
                ivBytes = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("IV is not hexadecimal");
            }
        }
        return new Playlist.Key(resolve(base, uri), ivBytes);
    }

    /** Attribute list {@code A=1,B="x,y"} to a map (quotes removed). */
    static Map<String, String> attributes(String list) {
        Map<String, String> attrs = new HashMap<>();
        int i = 0;
        while (i < list.length()) {
            int eq = list.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = list.substring(i, eq).strip();
            int end;
            String value;
            if (eq + 1 < list.length() && list.charAt(eq + 1) == '"') {
                int close = list.indexOf('"', eq + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated quoted attribute");
                }
                value = list.substring(eq + 2, close);
                end = list.indexOf(',', close);
            } else {
                end = list.indexOf(',', eq);
                value = list.substring(eq + 1, end < 0 ? list.length() : end).strip();
            }
            attrs.put(name, value);
            i = end < 0 ? list.length() : end + 1;
        }
        return attrs;
    }

    private static String resolve(URI base, String uri) {
        try {
            return base.resolve(uri.replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid URI in playlist");
        }
    }

    private static long number(String value, String what) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what);
        }
    }

    private static double decimal(String value, String what) {
        try {
            double d = Double.parseDouble(value.strip());
            if (!(d >= 0) || d > 86_400) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what);
        }
    }
}
