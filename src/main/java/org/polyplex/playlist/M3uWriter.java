package org.polyplex.playlist;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes an M3U playlist item by item to a {@link Writer}: nothing is accumulated, so a
 * 50,000-entry playlist costs one item of memory. {@code extended} (Xtream {@code m3u_plus})
 * writes the {@code tvg-*} and {@code group-title} attributes; plain {@code m3u} writes only the
 * name. Pure: no CDI, no I/O of its own beyond the given writer.
 */
public final class M3uWriter {

    private final Writer out;
    private final boolean extended;

    public M3uWriter(Writer out, boolean extended) {
        this.out = out;
        this.extended = extended;
    }

    /** The {@code #EXTM3U} line; {@code tvgUrl} (the XMLTV guide) may be null. */
    public void header(String tvgUrl) throws IOException {
        out.write("#EXTM3U");
        if (extended && tvgUrl != null) {
            attribute("x-tvg-url", tvgUrl);
        }
        out.write('\n');
    }

    public void item(PlaylistItem item) throws IOException {
        out.write("#EXTINF:-1");
        if (extended) {
            attribute("tvg-id", item.tvgId() == null ? "" : item.tvgId());
            attribute("tvg-name", item.name());
            attribute("tvg-logo", item.logo() == null ? "" : item.logo());
            attribute("group-title", item.group() == null ? "" : item.group());
            if (item.number() != null) {
                attribute("tvg-chno", item.number().toString());
            }
        }
        out.write(',');
        out.write(line(item.name()));
        out.write('\n');
        out.write(line(item.url()));
        out.write('\n');
    }

    private void attribute(String name, String value) throws IOException {
        out.write(' ');
        out.write(name);
        out.write("=\"");
        // players split attributes on double quotes and have no escape for them
        out.write(line(value).replace('"', '\''));
        out.write('"');
    }

    /** A value must never start a new playlist line: CR and LF become spaces. */
    private static String line(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}
