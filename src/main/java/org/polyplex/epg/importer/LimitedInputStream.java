package org.polyplex.epg.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Counts the bytes read through it and fails once they exceed a cap or a deadline passes: the
 * guard against endless downloads and gzip bombs. The deadline is checked on every read, and a
 * read never blocks longer than the connection's read timeout, so the overrun is bounded.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long maxBytes;
    private final String what;
    private final Clock clock;
    private final Instant deadline;
    private long count;

    LimitedInputStream(InputStream in, long maxBytes, String what, Clock clock, Instant deadline) {
        super(in);
        this.maxBytes = maxBytes;
        this.what = what;
        this.clock = clock;
        this.deadline = deadline;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Through read(), so that skipped bytes count too.
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check() throws IOException {
        if (deadline != null && clock.instant().isAfter(deadline)) {
            throw new LimitExceededException("download took longer than the configured timeout");
        }
    }

    private void add(int n) throws IOException {
        count += n;
        if (count > maxBytes) {
            throw new LimitExceededException(what + " larger than the configured limit of " + maxBytes + " bytes");
        }
    }

    /** A size or time limit was hit; the message is the run's recorded reason. */
    static final class LimitExceededException extends IOException {
        LimitExceededException(String message) {
            super(message);
        }
    }
}
