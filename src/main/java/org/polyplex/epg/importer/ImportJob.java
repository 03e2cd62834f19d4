package org.polyplex.epg.importer;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.polyplex.epg.store.GenerationWriter;
import org.polyplex.epg.store.GuideStore;
import org.polyplex.epg.xmltv.XmltvChannel;
import org.polyplex.epg.xmltv.XmltvFormatException;
import org.polyplex.epg.xmltv.XmltvLimits;
import org.polyplex.epg.xmltv.XmltvProgramme;
import org.polyplex.epg.xmltv.XmltvReader;
import org.polyplex.epg.xmltv.XmltvSink;
import org.polyplex.platform.fetch.FetchException;
import org.polyplex.platform.fetch.FetchedBody;

/**
 * Downloads and parses one source into a new generation. It never touches the active guide:
 * the caller flips to the new generation only when {@link #call()} returns, and deletes it
 * otherwise.
 */
final class ImportJob implements XmltvSink {

    /** What one import produced. */
    record Result(long bytes, int channels, int programmes, int skipped, String skipSummary) {
    }

    private final GuideOpener opener;
    private final GenerationWriter writer;
    private final String url;
    private final Duration offset;
    private final XmltvLimits limits;
    private final int minProgrammes;
    private final ImportProgress progress;
    private final Map<String, Integer> skips = new TreeMap<>();
    // The reader's reason for a programme of an undeclared channel.
    private static final String UNKNOWN_CHANNEL = "unknown channel";

    private long bytes;
    private int channels;
    private int programmes;
    private int skipped;

    /** What one import is asked to do; {@code minProgrammes} is the least it must bring to go live. */
    record Spec(long sourceId, long generation, String url, int offsetMinutes, int batchSize, XmltvLimits limits,
            int minProgrammes) {
    }

    ImportJob(GuideOpener opener, GuideStore store, Spec spec, ImportProgress progress) {
        this.opener = opener;
        this.progress = progress;
        this.writer = store.writer(spec.sourceId(), spec.generation(), spec.batchSize());
        this.url = spec.url();
        this.offset = Duration.ofMinutes(spec.offsetMinutes());
        this.limits = spec.limits();
        this.minProgrammes = Math.max(1, spec.minProgrammes());
    }

    /** Imports the whole source or throws with the reason the run records. */
    Result call() throws IOException {
        try (FetchedBody body = opener.open(url)) {
            try {
                new XmltvReader(offset, limits).read(body.content(), this);
            } catch (XmltvFormatException e) {
                // A size or time limit (or a broken transfer) surfaces from inside the parser:
                // report the fetch's own reason.
                Throwable cause = rootCause(e);
                if (cause instanceof FetchException fetch) {
                    throw fetch;
                }
                throw e;
            } finally {
                // what was read, for the run record whether the import succeeds or not
                bytes = body.transferred();
            }
        }
        writer.finish();
        if (channels == 0 && programmes == 0) {
            int undeclared = skips.getOrDefault(UNKNOWN_CHANNEL, 0);
            throw new IOException(undeclared == 0 ? "the guide holds no channels and no programmes"
                    : "the guide declares no <channel>: its " + undeclared
                            + " programmes name channels it does not declare");
        }
        // A guide with nothing usable must not replace one that works: channels alone, or records
        // that are all invalid, fail like an unreadable file.
        if (programmes == 0) {
            throw new IOException("the guide holds no usable programme (" + channels + " channels"
                    + (skipped > 0 ? ", " + summary() : "") + ")");
        }
        if (programmes < minProgrammes) {
            throw new IOException("the guide holds " + programmes + " programmes, fewer than the " + minProgrammes
                    + " required by polyplex.epg.min-programme-ratio" + (skipped > 0 ? " (" + summary() + ")" : ""));
        }
        return new Result(bytes, channels, programmes, skipped, summary());
    }

    /** Bytes read so far (all of them once {@link #call} has returned or thrown). */
    long bytes() {
        return bytes;
    }

    /** Records skipped so far. */
    int skipped() {
        return skipped;
    }

    @Override
    public void channel(XmltvChannel channel) {
        // A repeated declaration merges into the first (merged guides do this all the time).
        if (writer.channel(channel)) {
            channels++;
            progress.channel();
        }
    }

    @Override
    public void programme(XmltvProgramme programme) {
        programmes++;
        progress.programme();
        writer.programme(programme);
    }

    @Override
    public void skipped(String reason) {
        skipped++;
        progress.skipped();
        skips.merge(reason, 1, Integer::sum);
    }

    private String summary() {
        return skips.isEmpty() ? null
                : "skipped " + skips.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", "));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof FetchException) {
                return cause;
            }
        }
        return cause;
    }
}
