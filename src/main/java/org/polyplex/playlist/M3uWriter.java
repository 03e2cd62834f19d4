package org.polyplex.playlist;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes an M3U playlist item by item to a {@link Writer}: nothing is accumulated, so a
 * 50,000-entry playlist costs one item of memory. {@code extended} (Xtream {@code m3u_plus})
 * writes the {@code tvg-*} and {@code group-title} attributes, and {@code catchup},
 * {@code catchup-days} and {@code catchup-source} for an archived channel; plain {@code m3u}
 * writes only the name. Pure: no CDI, no I/O of its own beyond the given writer.
 *
 * <p>
 * The name after the comma is written exactly (only CR and LF, which would start a new playlist
 * line, become spaces). Attribute values have no escape for {@code "}: {@code tvg-name} is left
 * out when the name holds one, URLs get {@code %22}, and other text gets the closing typographic quote (U+201D).
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
            attribute("x-tvg-url", url(tvgUrl));
        }
        out.write('\n');
    }

    public void item(PlaylistItem item) throws IOException {
        out.write("#EXTINF:-1");
        if (extended) {
            attribute("tvg-id", item.tvgId() == null ? "" : text(item.tvgId()));
            // No escape exists for a double quote inside an attribute, and any stand-in would
            // make the name differ from the guide's display-name. Players fall back to the name
            // after the comma, which is exact, for both the label and the guide match.
            if (item.name().indexOf('"') < 0) {
                attribute("tvg-name", item.name());
            }
            attribute("tvg-logo", item.logo() == null ? "" : url(item.logo()));
            attribute("group-title", item.group() == null ? "" : text(item.group()));
            if (item.number() != null) {
                attribute("tvg-chno", item.number().toString());
            }
            if (item.catchupDays() > 0 && item.catchupSource() != null) {
                // Kodi pvr.iptvsimple and TiviMate: "default" = fill the placeholders of the source
                attribute("catchup", "default");
                attribute("catchup-days", Integer.toString(item.catchupDays()));
                attribute("catchup-source", url(item.catchupSource()));
            }
        }
        out.write(',');
        out.write(line(item.name()));
        out.write('\n');
        out.write(line(item.url()));
        out.write('\n');
    }

    /** {@code value} holds no double quote: players end an attribute at the next one. */
    private void attribute(String name, String value) throws IOException {
        out.write(' ');
        out.write(name);
        out.write("=\"");
        out.write(line(value));
        out.write('"');
    }

    /** A text value for an attribute: a double quote becomes the closing typographic quote. */
    private static String text(String value) {
        return value.indexOf('"') < 0 ? value : value.replace('"', '\u201D');
    }

    /** A URL for an attribute: a double quote is percent-encoded, which names the same resource. */
    private static String url(String value) {
        return value.indexOf('"') < 0 ? value : value.replace("\"", "%22");
    }

    /** A value must never start a new playlist line: CR and LF become spaces. */
    private static String line(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}
