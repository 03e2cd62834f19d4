package org.polyplex.epg.xmltv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails once a run of bytes holds none of the XML delimiters (white space, {@code < > = / " '}) for
 * longer than a bound. The parser limits attribute values and text nodes itself but buffers an
 * element or attribute name whole; every name ends at one of these bytes, in any encoding XMLTV
 * files use, so this bounds names (and, coarsely, everything else) without parsing.
 */
final class TokenLimitInputStream extends FilterInputStream {

    private static final boolean[] DELIMITER = new boolean[256];

    static {
        for (char c : " \t\r\n<>=/\"'".toCharArray()) {
            DELIMITER[c] = true;
        }
    }

    private final long maxRun;
    private long run;

    TokenLimitInputStream(InputStream in, long maxRun) {
        super(in);
        this.maxRun = maxRun;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i] & 0xff);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(int b) throws TokenTooLongException {
        if (DELIMITER[b]) {
            run = 0;
        } else if (++run > maxRun) {
            throw new TokenTooLongException("an XML name or value runs longer than " + maxRun
                    + " bytes without a delimiter (4 x polyplex.epg.parser.max-text-length)");
        }
    }

    /** The bound was passed; the message is the import's recorded reason. */
    static final class TokenTooLongException extends IOException {
        TokenTooLongException(String message) {
            super(message);
        }
    }
}
