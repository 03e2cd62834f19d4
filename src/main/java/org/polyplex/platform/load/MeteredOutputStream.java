package org.polyplex.platform.load;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;

/**
 * Buffers a large answer in chunks and produces each chunk under a builder turn (a shared
 * semaphore): the turn is taken at the first byte of a chunk and given back before the chunk goes
 * to the connection, whose write may block on backpressure. So CPU spent building answers is
 * bounded however many are being sent, and a slow reader holds no turn. Not thread-safe: one
 * answer, one thread.
 */
public final class MeteredOutputStream extends OutputStream {

    private final OutputStream out;
    private final Semaphore builders;
    private final byte[] buffer;
    private int count;
    private boolean holding;
    private boolean closed;

    MeteredOutputStream(OutputStream out, Semaphore builders, int chunkSize) {
        this.out = out;
        this.builders = builders;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        take();
        if (count == buffer.length) {
            drain();
            take();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            take();
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == buffer.length) {
                drain();
            }
        }
    }

    /** Hands what is buffered to the connection, without the builder turn. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void take() throws IOException {
        if (holding) {
            return;
        }
        if (closed) {
            throw new IOException("stream is closed");
        }
        try {
            builders.acquire();
            holding = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a builder turn");
        }
    }

    private void drain() throws IOException {
        if (holding) {
            holding = false;
            builders.release();
        }
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(buffer, 0, n);
        }
    }
}
