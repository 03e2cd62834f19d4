package org.polyplex.playlist;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code get.php}: {@code type} m3u or m3u_plus (default), {@code output} ts,
 * mpegts, m3u8 or hls (default ts), {@code key} a comma list of live, movie, series (default all).
 */
record PlaylistRequest(boolean extended, String liveExtension, Set<Kind> kinds) {

    /** What a playlist may hold. */
    enum Kind {
        LIVE,
        MOVIE,
        SERIES
    }

    /** Empty when {@code output} or {@code type} names something we do not serve. */
    static Optional<PlaylistRequest> parse(String type, String output, String key) {
        String t = type == null || type.isBlank() ? "m3u_plus" : type.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("m3u") && !t.equals("m3u_plus")) {
            return Optional.empty();
        }
        String o = output == null || output.isBlank() ? "ts" : output.strip().toLowerCase(Locale.ROOT);
        String extension = switch (o) {
            case "ts", "mpegts" -> "ts";
            case "m3u8", "hls" -> "m3u8";
            default -> null;
        };
        if (extension == null) {
            return Optional.empty();
        }
        return Optional.of(new PlaylistRequest(t.equals("m3u_plus"), extension, kinds(key)));
    }

    private static Set<Kind> kinds(String key) {
        if (key == null || key.isBlank()) {
            return EnumSet.allOf(Kind.class);
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String part : key.split(",", 8)) {
            switch (part.strip().toLowerCase(Locale.ROOT)) {
                case "live" -> kinds.add(Kind.LIVE);
                case "movie", "movies", "vod" -> kinds.add(Kind.MOVIE);
                case "series" -> kinds.add(Kind.SERIES);
                default -> {
                    // unknown words are ignored, as panels do
                }
            }
        }
        return kinds;
    }
}
