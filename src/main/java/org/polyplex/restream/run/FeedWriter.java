package org.polyplex.restream.run;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

import io.vertx.core.buffer.Buffer;

/**
 * The thread that writes one attempt's feed into its ffmpeg's stdin, for as long as that attempt
 * is the destination's current one. A write that fails means the ffmpeg is gone: the supervisor
 * reports its exit, so the thread just ends.
 */
final class FeedWriter {

    private FeedWriter() {
    }

    /** @param current whether the attempt is still the destination's current one */
    static void start(String name, FeedQueue queue, OutputStream stdin, BooleanSupplier current) {
        Thread t = new Thread(() -> {
            try (OutputStream out = stdin) {
                while (current.getAsBoolean()) {
                    Buffer b = queue.take(250);
                    if (b != null && current.getAsBoolean()) {
                        out.write(b.getBytes());
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the ffmpeg is gone: the supervisor reports its exit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-in");
        t.setDaemon(true);
        t.start();
    }
}
