package org.polyplex.scraping.parser;

import java.io.Reader;
import java.io.StringReader;

import org.polyplex.playlist.M3uEntry;
import org.polyplex.playlist.M3uParser;

/**
 * Channel lists in M3U/M3U8 form, through {@link M3uParser}. Pure. A last URL line without its
 * line end is skipped with a reason (the run ends {@code warning}): a list cut off mid-URL must
 * not add the cut URL as a source. Stream headers that cannot be read are run warnings.
 */
public final class M3uSourceParser {

    private M3uSourceParser() {
    }

    public static ParseResult parse(String text, int maxEntries) {
        return parse(new StringReader(text), maxEntries);
    }

    /** Reads the playlist as a stream; the entry cap stops the read as soon as it is passed. */
    public static ParseResult parse(Reader reader, int maxEntries) {
        EntryCollector out = new EntryCollector(maxEntries);
        M3uParser.parse(reader, entry -> add(entry, out), entry -> out.skip("last entry without a line end (the list"
                + " may be cut off mid-URL): " + entry.url()));
        return out.result();
    }

    private static void add(M3uEntry entry, EntryCollector out) {
        entry.headerProblems().forEach(out::warn);
        out.add(entry.name(), entry.url(), entry.tvgId(), entry.tvgLogo(), entry.group(), entry.channelNumber(), null,
                entry.headers());
    }
}
