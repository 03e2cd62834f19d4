package org.polyplex.platform.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw body with its two clocks: a read that waits longer than the read timeout, or any read
 * after the deadline, fails. A blocked read cannot watch itself, so {@link #check} runs on the
 * fetcher's watchdog thread and closes the stream under the reader, which then fails with the
 * reason (never a quiet end of file: a truncated guide must not look complete). Time the caller
 * spends between reads (parsing, writing to the database) is not a stall. Counts the bytes.
 */
final class WatchedStream extends FilterInputStream {

    private final long deadline;
    private final long readTimeout;
    private final String deadlineText;
    private final String readTimeoutText;
    // written by the reader, read by the watchdog
    private volatile boolean reading;
    private volatile long readSince;
    // written by either, at most once
    private volatile FetchException expired;
    private long count;

    /** @param deadline and {@code readTimeout} in {@link System#nanoTime()} terms */
    WatchedStream(InputStream in, long deadline, long readTimeout, String deadlineText, String readTimeoutText) {
        super(in);
        this.deadline = deadline;
        this.readTimeout = readTimeout;
        this.deadlineText = deadlineText;
        this.readTimeoutText = readTimeoutText;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        enter();
        try {
            int b = super.read();
            leave();
            if (b >= 0) {
                count++;
            }
            return b;
        } catch (IOException e) {
            throw expired != null ? expired : e;
        } finally {
            reading = false;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        enter();
        try {
            int n = super.read(buffer, offset, length);
            leave();
            if (n > 0) {
                count += n;
            }
            return n;
        } catch (IOException e) {
            throw expired != null ? expired : e;
        } finally {
            reading = false;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        // through read(), so that skipped bytes are watched and counted too
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        return Math.max(read(scratch, 0, scratch.length), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** From the watchdog: fails a read that waits too long, or the stream past its deadline. */
    void check(long now) {
        if (expired != null) {
            return;
        }
        if (now - deadline > 0) {
            expire(new FetchException(FetchException.Kind.TIMEOUT, deadlineText));
        } else if (reading && now - readSince > readTimeout) {
            expire(new FetchException(FetchException.Kind.TIMEOUT, readTimeoutText));
        }
    }

    private void enter() throws IOException {
        if (expired != null) {
            throw expired;
        }
        long now = System.nanoTime();
        if (now - deadline > 0) {
            expire(new FetchException(FetchException.Kind.TIMEOUT, deadlineText));
            throw expired;
        }
        readSince = now;
        reading = true;
    }

    private void leave() throws IOException {
        if (expired != null) {
            throw expired;
        }
    }

    private void expire(FetchException reason) {
        expired = reason;
        try {
            in.close();
        } catch (IOException e) {
            // the reader fails with the reason either way
        }
    }
}
