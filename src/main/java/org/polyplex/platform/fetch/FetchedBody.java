package org.polyplex.platform.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * An open body: read {@link #content()} as a stream (decoded, capped, watched), or
 * {@link #readAll()} when it is small. Close it: that ends the transfer and its watch. Not
 * thread-safe: one reader.
 */
public final class FetchedBody implements AutoCloseable {

    private final InputStream content;
    private final WatchedStream raw;
    private final boolean gzip;
    private final URI uri;
    private final String contentType;
    private final Runnable onClose;

    FetchedBody(InputStream content, WatchedStream raw, boolean gzip, URI uri, String contentType, Runnable onClose) {
        this.content = content;
        this.raw = raw;
        this.gzip = gzip;
        this.uri = uri;
        this.contentType = contentType;
        this.onClose = onClose;
    }

    /** The body, gzip already decoded. Its failures are {@link FetchException}s or plain I/O errors. */
    public InputStream content() {
        return content;
    }

    /** The whole body; bounded by the policy's body cap. */
    public byte[] readAll() throws IOException {
        return content.readAllBytes();
    }

    /** Bytes read from the source so far (compressed size for a gzip body). */
    public long transferred() {
        return raw.count();
    }

    /** Whether the body was gzip (by its first bytes, whatever the headers said). */
    public boolean gzip() {
        return gzip;
    }

    /** Where the body came from after redirects; null for a stream that was not fetched. */
    public URI uri() {
        return uri;
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    @Override
    public void close() throws IOException {
        try {
            onClose.run();
        } finally {
            content.close();
        }
    }
}
