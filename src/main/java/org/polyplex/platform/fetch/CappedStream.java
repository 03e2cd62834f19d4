package org.polyplex.platform.fetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than {@code max} bytes were read through it, skipped ones included. */
final class CappedStream extends FilterInputStream {

    private final long max;
    private final String what;
    private long count;

    CappedStream(InputStream in, long max, String what) {
        super(in);
        this.max = max;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        return Math.max(read(scratch, 0, scratch.length), 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(int n) throws FetchException {
        count += n;
        if (count > max) {
            throw new FetchException(FetchException.Kind.TOO_LARGE,
                    what + " larger than the configured limit of " + max + " bytes");
        }
    }
}
