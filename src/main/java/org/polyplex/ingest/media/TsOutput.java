package org.polyplex.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/** Reads the packager's MPEG-TS stdout on a daemon thread and hands it on in whole packets. */
final class TsOutput {

    static final int PACKET = 188;
    private static final int CHUNK = PACKET * 348; // about 64 KiB

    private TsOutput() {
    }

    static Thread start(String name, InputStream in, Consumer<Buffer> ts) {
        Thread t = new Thread(() -> {
            try (in) {
                read(in, ts);
            } catch (IOException e) {
                // the attempt ended: its stdout is closed
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void read(InputStream in, Consumer<Buffer> ts) throws IOException {
        byte[] buf = new byte[CHUNK];
        int filled = 0;
        int n;
        while ((n = in.read(buf, filled, buf.length - filled)) >= 0) {
            filled += n;
            int whole = filled - filled % PACKET;
            if (whole > 0) {
                ts.accept(Buffer.buffer(Arrays.copyOf(buf, whole)));
                System.arraycopy(buf, whole, buf, 0, filled - whole);
                filled -= whole;
            }
        }
    }
}
