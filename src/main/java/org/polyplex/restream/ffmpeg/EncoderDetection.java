package org.polyplex.restream.ffmpeg;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.polyplex.platform.logging.Redaction;
import org.polyplex.platform.process.ProcessIo;
import org.polyplex.platform.process.ProcessListener;
import org.polyplex.platform.process.ProcessRefusedException;
import org.polyplex.platform.process.ProcessSpec;
import org.polyplex.platform.process.ProcessState;
import org.polyplex.platform.process.ProgressChannel;
import org.polyplex.platform.process.RestartPolicy;
import org.polyplex.platform.process.SupervisedProcess;
import org.polyplex.platform.process.Supervisor;
import org.polyplex.restream.config.RestreamConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Finds the H.264 encoders that work on this machine: a supervised one-second test encode per
 * candidate ({@link EncoderProbe}), one after the other, each bounded by {@code probe-timeout}.
 * At start-up it runs in the background (boot does not wait); {@link #detect} runs it again,
 * single-flight. Until a detection finished, {@code libx264} is the selected encoder.
 */
@ApplicationScoped
public class EncoderDetection {

    private final Supervisor supervisor;
    private final String ffmpeg;
    private final Duration timeout;
    private final boolean atStartup;
    private final Clock clock;
    private volatile EncoderReport report = new EncoderReport(List.of(), EncoderProbe.SOFTWARE, null, false);
    private CompletableFuture<EncoderReport> running;

    @Inject
    EncoderDetection(Supervisor supervisor, RestreamConfig config, Clock clock) {
        this(supervisor, config.ffmpeg(), config.encoders().probeTimeout(), config.encoders().detectAtStartup(), clock);
    }

    public EncoderDetection(Supervisor supervisor, String ffmpeg, Duration timeout, boolean atStartup, Clock clock) {
        this.supervisor = supervisor;
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
        this.atStartup = atStartup;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (atStartup) {
            detectAsync();
        }
    }

    /** The last report (never null). */
    public EncoderReport report() {
        return report;
    }

    /** The encoder encoded profiles use now. */
    public String selected() {
        return report.selected();
    }

    /** Starts a detection unless one runs; completes with its report. */
    public synchronized CompletableFuture<EncoderReport> detectAsync() {
        if (running != null && !running.isDone()) {
            return running;
        }
        EncoderReport last = report;
        report = new EncoderReport(last.h264(), last.selected(), last.detectedAt(), true);
        CompletableFuture<EncoderReport> f = CompletableFuture.supplyAsync(this::probeAll, runnable -> {
            Thread t = new Thread(runnable, "restream-encoder-probe");
            t.setDaemon(true);
            t.start();
        });
        running = f;
        return f;
    }

    /** Runs a detection (or joins the one running) and answers its report; blocking, bounded. */
    public EncoderReport detect() {
        long bound = timeout.toMillis() * (EncoderProbe.CANDIDATES.size() + 1);
        try {
            return detectAsync().get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return report;
        } catch (Exception e) {
            return report;
        }
    }

    private EncoderReport probeAll() {
        List<EncoderReport.Encoder> results = new ArrayList<>();
        String selected = null;
        for (String encoder : EncoderProbe.CANDIDATES) {
            EncoderReport.Encoder r = probe(encoder);
            results.add(r);
            if (r.working() && selected == null) {
                selected = encoder;
            }
        }
        EncoderReport done = new EncoderReport(List.copyOf(results), selected == null ? EncoderProbe.SOFTWARE : selected,
                clock.instant(), false);
        report = done;
        Log.infof("restream: H.264 encoders working here: %s; selected %s",
                results.stream().filter(EncoderReport.Encoder::working).map(EncoderReport.Encoder::name).toList(),
                done.selected());
        return done;
    }

    private EncoderReport.Encoder probe(String encoder) {
        ProcessSpec spec = new ProcessSpec("encoder-probe-" + encoder, "restream", EncoderProbe.command(ffmpeg, encoder),
                Path.of(".").toAbsolutePath(), RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, timeout);
        boolean[] timedOut = { false };
        SupervisedProcess p;
        try {
            p = supervisor.start(spec, ProcessIo.NONE, new ProcessListener() {
                @Override
                public void stateChanged(SupervisedProcess process, ProcessState state) {
                    if (state instanceof ProcessState.Stopping) {
                        timedOut[0] = true;
                    }
                }
            });
        } catch (ProcessRefusedException e) {
            return new EncoderReport.Encoder(encoder, false, e.getMessage());
        }
        // its input ended at once: the exit is the end, and the stop grace (the timeout) bounds the run
        p.endOfInput();
        ProcessState end;
        try {
            end = p.terminated().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.stop("encoder probe timed out");
            return new EncoderReport.Encoder(encoder, false, "timed out after " + timeout.toSeconds() + " s");
        } catch (Exception e) {
            return new EncoderReport.Encoder(encoder, false, Redaction.message(e));
        }
        if (timedOut[0]) {
            return new EncoderReport.Encoder(encoder, false, "timed out after " + timeout.toSeconds() + " s");
        }
        if (end instanceof ProcessState.Stopped s && s.code() == 0) {
            return new EncoderReport.Encoder(encoder, true, null);
        }
        List<String> tail = p.tail();
        String why = tail.isEmpty() ? describe(end) : tail.get(tail.size() - 1);
        return new EncoderReport.Encoder(encoder, false, Redaction.line(why, 300));
    }

    private static String describe(ProcessState end) {
        if (end instanceof ProcessState.Stopped s) {
            return "the test encode exited with code " + s.code();
        }
        return end instanceof ProcessState.GaveUp g ? g.reason() : end.toString();
    }
}
