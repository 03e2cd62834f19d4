package org.polyplex.platform.process;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs external processes (ffmpeg packagers, cameras, restreams) and keeps them running: restarts
 * with backoff, a stall timeout on progress, SIGTERM then SIGKILL on stop, bounded stderr tails,
 * pid files to kill the orphans of a crashed node at start-up, and at most
 * {@code polyplex.process.max-processes} at once. All stop in parallel when the node shuts down.
 */
@ApplicationScoped
public class Supervisor {

    private final int maxProcesses;
    private final int tailLines;
    private final int maxLineLength;
    private final Duration shutdownDeadline;
    private final PidFiles pidFiles;
    private final Clock clock;
    private final Map<String, SupervisedProcess> running = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor exec;

    @Inject
    Supervisor(ProcessConfig config, Clock clock) {
        this(config.maxProcesses(), config.tailLines(), config.maxLineLength(), Path.of(config.runDir()),
                config.shutdownDeadline(), clock);
    }

    /** For plain use and tests: the same bounds as {@link ProcessConfig}. */
    public Supervisor(int maxProcesses, int tailLines, int maxLineLength, Path runDir, Duration shutdownDeadline,
            Clock clock) {
        this.maxProcesses = maxProcesses;
        this.tailLines = tailLines;
        this.maxLineLength = maxLineLength;
        this.shutdownDeadline = shutdownDeadline;
        this.pidFiles = new PidFiles(runDir);
        this.clock = clock;
        this.exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "process-supervisor");
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts supervising a process (spawned on the supervisor's thread; the listener hears
     * {@code Starting} and {@code Running}, or {@code GaveUp} when it cannot be spawned).
     *
     * @throws ProcessRefusedException at the process bound or when the name is running already
     */
    public SupervisedProcess start(ProcessSpec spec, ProcessIo io, ProcessListener listener) {
        SupervisedProcess p = new SupervisedProcess(spec, io, listener, exec, pidFiles, clock,
                done -> running.remove(spec.safeName(), done), tailLines, maxLineLength);
        synchronized (running) {
            if (running.size() >= maxProcesses) {
                throw new ProcessRefusedException(
                        "at most " + maxProcesses + " processes run at once (polyplex.process.max-processes)");
            }
            if (running.putIfAbsent(spec.safeName(), p) != null) {
                throw new ProcessRefusedException("a process named " + spec.safeName() + " is running already");
            }
        }
        p.begin();
        return p;
    }

    /** The processes supervised now (starting, running, in backoff or stopping). */
    public List<SupervisedProcess> running() {
        return List.copyOf(running.values());
    }

    /**
     * Kills the processes a previous run of the node left behind (found through their pid files,
     * matched by start time and executable) and deletes the files. Blocking; answers the kills.
     */
    public int killOrphans() {
        return pidFiles.killOrphans(Duration.ofSeconds(2));
    }

    /** Stops every process in parallel and waits at most {@code deadline}; the rest get SIGKILL. */
    public void stopAll(Duration deadline) {
        List<SupervisedProcess> all = running();
        CompletableFuture<?>[] stops = all.stream().map(p -> p.stop("the node is shutting down"))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            for (SupervisedProcess p : all) {
                ProcessHandle h = p.handle();
                if (h != null && h.isAlive()) {
                    Log.warnf("process %s did not stop within %s, killing it", p.spec().name(), deadline);
                    h.destroyForcibly();
                }
            }
        }
    }

    void onStart(@Observes StartupEvent event) {
        int killed = killOrphans();
        if (killed > 0) {
            Log.warnf("killed %d processes left running by a previous run of this node", killed);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopAll(shutdownDeadline);
    }
}
