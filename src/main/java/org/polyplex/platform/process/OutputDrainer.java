package org.polyplex.platform.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads a process's text output to its end on a daemon thread, line by line ({@code \n} or
 * {@code \r}), each line cut to a bound so a process writing without newlines costs no memory.
 */
final class OutputDrainer {

    private OutputDrainer() {
    }

    /** Starts the thread; the future completes when the stream ended (or failed). */
    static CompletableFuture<Void> start(String threadName, InputStream in, int maxLineLength,
            Consumer<String> lines) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                read(in, maxLineLength, lines);
            } catch (IOException e) {
                // the process is gone or its pipe was closed: the end of its output
            } finally {
                done.complete(null);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return done;
    }

    static void read(InputStream in, int maxLineLength, Consumer<String> lines) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    if (line.size() > 0) {
                        lines.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                } else if (line.size() < maxLineLength) {
                    line.write(b);
                }
            }
        }
        if (line.size() > 0) {
            lines.accept(line.toString(StandardCharsets.UTF_8));
        }
    }
}
