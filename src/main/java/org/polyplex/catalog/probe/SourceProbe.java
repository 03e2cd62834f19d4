package org.polyplex.catalog.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.platform.logging.Redaction;

import io.quarkus.logging.Log;

/**
 * Tests one channel source now with ffprobe: reachable or why not, the container, the video codec
 * and size, the audio codec. Bounded: at most {@code polyplex.probe.max-running} tests at once (a
 * test past it is refused, not queued), each ended after {@code polyplex.probe.timeout} (asked to
 * stop, then killed), its output read up to a cap. Blocking: call it from a worker thread.
 * Nothing it returns or logs carries the source's credentials.
 */
@ApplicationScoped
public class SourceProbe {

    /** The stderr kept for the error message: ffprobe's last lines say why. */
    static final int MAX_ERROR_BYTES = 8192;
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final ProbeConfig config;
    private final Semaphore running;

    SourceProbe(ProbeConfig config) {
        this.config = config;
        this.running = new Semaphore(config.maxRunning());
    }

    public ProbeReport probe(String url) {
        String masked = Redaction.url(url);
        if (!url.toLowerCase(Locale.ROOT).matches("https?://.*")) {
            return ProbeReport.failed(masked,
                    "only http(s) sources can be tested here; AceStream sources play through the engine",
                    Duration.ZERO);
        }
        if (!running.tryAcquire()) {
            return ProbeReport.failed(masked, config.maxRunning() + " tests are running already; try again in a moment",
                    Duration.ZERO);
        }
        try {
            return run(url, masked);
        } finally {
            running.release();
        }
    }

    private ProbeReport run(String url, String masked) {
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(FfprobeCommand.of(config.ffprobe(), url, config.timeout())).start();
            // ffprobe reads no input: a closed stdin keeps it from waiting on one
            process.getOutputStream().close();
        } catch (IOException e) {
            Log.warnf("source test: ffprobe could not be started: %s", Redaction.message(e));
            return ProbeReport.failed(masked, "ffprobe could not be started (" + config.ffprobe() + ")",
                    Duration.ZERO);
        }
        Drain out = Drain.start(process.getInputStream(), config.maxOutputBytes(), "probe-out");
        Drain err = Drain.start(process.getErrorStream(), MAX_ERROR_BYTES, "probe-err");
        try {
            if (!process.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                return ProbeReport.failed(masked, "no answer within " + config.timeout().toSeconds() + " s",
                        took(start));
            }
            out.join(KILL_GRACE);
            err.join(KILL_GRACE);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            return ProbeReport.failed(masked, "the test was interrupted", took(start));
        }
        if (process.exitValue() != 0) {
            return ProbeReport.failed(masked, reason(err.text(), process.exitValue()), took(start));
        }
        return FfprobeOutput.parse(masked, out.text(), took(start));
    }

    /** The last non-empty line of stderr (ffprobe ends with the reason), URLs masked, one line. */
    static String reason(String stderr, int exit) {
        String[] lines = stderr.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "ffprobe failed (exit " + exit + ")" : Redaction.line(last, 300);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Reads a process pipe to its end on its own thread, keeping at most {@code cap} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in, int cap, String name) {
            this.in = in;
            this.cap = cap;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        static Drain start(InputStream in, int cap, String name) {
            Drain drain = new Drain(in, cap, name);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended or was killed: what was read is kept
            }
        }

        void join(Duration max) throws InterruptedException {
            thread.join(max.toMillis());
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
