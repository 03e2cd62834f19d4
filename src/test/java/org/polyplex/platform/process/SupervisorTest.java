package org.polyplex.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real processes ({@code sh}, {@code sleep}, {@code cat}). */
class SupervisorTest {

    @TempDir
    Path dir;

    private Supervisor supervisor;
    private final List<Process> spawned = new ArrayList<>();

    @BeforeEach
    void setUp() {
        supervisor = new Supervisor(4, 20, 80, dir.resolve("run"), Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        supervisor.stopAll(Duration.ofSeconds(5));
        spawned.forEach(Process::destroyForcibly);
    }

    private ProcessSpec spec(String name, RestartPolicy policy, ProgressChannel progress, Duration stall,
            String script) {
        return new ProcessSpec(name, "test", List.of("sh", "-c", script), dir, policy, progress, stall,
                Duration.ofMillis(300));
    }

    @Test
    void anExitingProcessRestartsWithGrowingBackoffThenGivesUp() throws Exception {
        Recorder rec = new Recorder();
        RestartPolicy policy = new RestartPolicy(2, Duration.ofMinutes(1), Duration.ofMillis(20), Duration.ofMillis(60));
        SupervisedProcess p = supervisor.start(
                spec("exits", policy, ProgressChannel.NONE, Duration.ZERO, "echo 'boom: error opening input' >&2; exit 3"),
                ProcessIo.NONE, rec);

        ProcessState last = p.terminated().get(10, TimeUnit.SECONDS);

        assertThat(last).isInstanceOf(ProcessState.GaveUp.class);
        assertThat(((ProcessState.GaveUp) last).reason()).contains("code 3").contains("boom: error opening input");
        assertThat(rec.of(ProcessState.Starting.class)).hasSize(3);
        assertThat(rec.of(ProcessState.Exited.class)).hasSize(3)
                .allSatisfy(s -> assertThat(((ProcessState.Exited) s).code()).isEqualTo(3));
        List<ProcessState> backoffs = rec.of(ProcessState.Backoff.class);
        assertThat(backoffs).extracting(s -> ((ProcessState.Backoff) s).restartsInWindow()).containsExactly(1, 2);
        assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(40));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMillis(60));
        assertThat(supervisor.running()).isEmpty();
        assertThat(dir.resolve("run/exits.pid")).doesNotExist();
    }

    @Test
    void aProcessWithoutProgressIsKilledAsStalledAndRestarted() throws Exception {
        Recorder rec = new Recorder();
        RestartPolicy policy = new RestartPolicy(1, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(10));
        SupervisedProcess p = supervisor.start(
                spec("stalls", policy, ProgressChannel.STDERR, Duration.ofMillis(300), "exec sleep 30"), ProcessIo.NONE,
                rec);

        ProcessState last = p.terminated().get(10, TimeUnit.SECONDS);

        assertThat(rec.of(ProcessState.Stalled.class)).hasSize(2);
        assertThat(rec.of(ProcessState.Starting.class)).hasSize(2);
        assertThat(last).isInstanceOf(ProcessState.GaveUp.class);
    }

    @Test
    void progressOnStderrKeepsAProcessAliveAndIsParsed() throws Exception {
        Recorder rec = new Recorder();
        SupervisedProcess p = supervisor.start(spec("progresses", RestartPolicy.NEVER, ProgressChannel.STDERR,
                Duration.ofMillis(400),
                "while true; do echo frame=7 >&2; echo 'bitrate=2827.2kbits/s' >&2; echo 'speed= 1.01x' >&2;"
                        + " echo progress=continue >&2; sleep 0.05; done"),
                ProcessIo.NONE, rec);

        await(() -> rec.progress.size() >= 30); // well past the stall timeout

        assertThat(rec.of(ProcessState.Stalled.class)).isEmpty();
        assertThat(p.state()).isInstanceOf(ProcessState.Running.class);
        Progress last = p.lastProgress();
        assertThat(last.frame()).isEqualTo(7);
        assertThat(last.bitrateKbps()).isEqualTo(2827.2);
        assertThat(last.speed()).isEqualTo(1.01);
        assertThat(p.tail()).isEmpty();
        assertThat(p.stop("test").get(5, TimeUnit.SECONDS)).isInstanceOf(ProcessState.Stopped.class);
    }

    @Test
    void stopEscalatesToSigkillForAProcessIgnoringSigterm() throws Exception {
        Recorder rec = new Recorder();
        SupervisedProcess p = supervisor.start(spec("stubborn", RestartPolicy.NEVER, ProgressChannel.NONE,
                Duration.ZERO, "trap '' TERM; echo ready >&2; while true; do sleep 0.05; done"), ProcessIo.NONE, rec);
        // the Running report reaches the listener on the supervisor's thread, maybe after the line
        await(() -> p.tail().contains("ready") && !rec.of(ProcessState.Running.class).isEmpty());
        long pid = ((ProcessState.Running) rec.of(ProcessState.Running.class).get(0)).pid();

        long t0 = System.nanoTime();
        ProcessState last = p.stop("test").get(5, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(last).isEqualTo(new ProcessState.Stopped(137));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(rec.of(ProcessState.Stopping.class)).hasSize(1);
    }

    @Test
    void aProcessHonouringSigtermStopsWithinTheGrace() throws Exception {
        SupervisedProcess p = supervisor.start(
                spec("polite", RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "exec sleep 30"),
                ProcessIo.NONE, ProcessListener.NONE);
        await(() -> p.state() instanceof ProcessState.Running);
        assertThat(p.stop("test").get(5, TimeUnit.SECONDS)).isEqualTo(new ProcessState.Stopped(143));
    }

    @Test
    void theStderrTailIsBoundedInLinesAndLength() throws Exception {
        SupervisedProcess p = supervisor.start(spec("chatty", RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO,
                "head -c 100000 /dev/zero | tr '\\0' a >&2; echo >&2;"
                        + " i=0; while [ $i -lt 200 ]; do echo \"line $i error $(printf '%0100d' 0)\" >&2; i=$((i+1)); done"),
                ProcessIo.NONE, ProcessListener.NONE);

        ProcessState last = p.terminated().get(10, TimeUnit.SECONDS);

        assertThat(last).isInstanceOf(ProcessState.GaveUp.class);
        List<String> tail = p.tail();
        assertThat(tail).hasSize(20).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(80));
        assertThat(tail.get(19)).startsWith("line 199 error");
    }

    @Test
    void endOfInputEndsTheProcessWithoutARestart() throws Exception {
        Recorder rec = new Recorder();
        ProcessIo io = (attempt, stdin, stdout) -> {
            Thread t = new Thread(() -> {
                try (OutputStream out = stdin; var in = stdout) {
                    out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                    out.close();
                    in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.setDaemon(true);
            t.start();
        };
        RestartPolicy policy = new RestartPolicy(5, Duration.ofMinutes(1), Duration.ofMillis(10), Duration.ofMillis(10));
        SupervisedProcess p = supervisor.start(new ProcessSpec("cat", "test", List.of("cat"), dir, policy,
                ProgressChannel.NONE, Duration.ZERO, Duration.ofSeconds(2)), io, rec);
        p.endOfInput();

        assertThat(p.terminated().get(5, TimeUnit.SECONDS)).isEqualTo(new ProcessState.Stopped(0));
        assertThat(rec.of(ProcessState.Starting.class)).hasSize(1);
    }

    @Test
    void aMissingExecutableGivesUpAtOnce() throws Exception {
        SupervisedProcess p = supervisor.start(new ProcessSpec("missing", "test", List.of("/nonexistent/ffmpeg"), dir,
                RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, Duration.ZERO), ProcessIo.NONE,
                ProcessListener.NONE);
        ProcessState last = p.terminated().get(5, TimeUnit.SECONDS);
        assertThat(((ProcessState.GaveUp) last).reason()).startsWith("cannot start ffmpeg");
    }

    @Test
    void theProcessBoundAndUniqueNamesAreEnforced() {
        ProcessSpec s = spec("same", RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "exec sleep 30");
        supervisor.start(s, ProcessIo.NONE, ProcessListener.NONE);
        assertThatThrownBy(() -> supervisor.start(s, ProcessIo.NONE, ProcessListener.NONE))
                .isInstanceOf(ProcessRefusedException.class).hasMessageContaining("running already");
        for (int i = 0; i < 3; i++) {
            supervisor.start(spec("p" + i, RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "exec sleep 30"),
                    ProcessIo.NONE, ProcessListener.NONE);
        }
        assertThatThrownBy(() -> supervisor.start(
                spec("fifth", RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "exec sleep 30"),
                ProcessIo.NONE, ProcessListener.NONE)).isInstanceOf(ProcessRefusedException.class)
                .hasMessageContaining("polyplex.process.max-processes");
    }

    @Test
    void stopAllStopsEveryProcessAndRemovesThePidFiles() throws Exception {
        List<SupervisedProcess> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(supervisor.start(
                    spec("all-" + i, RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "exec sleep 30"),
                    ProcessIo.NONE, ProcessListener.NONE));
        }
        await(() -> all.stream().allMatch(p -> p.state() instanceof ProcessState.Running));
        assertThat(dir.resolve("run/all-0.pid")).exists();
        List<Long> pids = all.stream().map(p -> ((ProcessState.Running) p.state()).pid()).toList();

        supervisor.stopAll(Duration.ofSeconds(5));

        assertThat(all).allSatisfy(p -> assertThat(p.terminated()).isCompleted());
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(supervisor.running()).isEmpty();
        try (var files = Files.list(dir.resolve("run"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anOrphanNamedByAPidFileIsKilledAtStartUpAndAReusedPidIsNot() throws Exception {
        Process orphan = spawn();
        Process stranger = spawn();
        Path run = dir.resolve("run");
        PidFiles files = new PidFiles(run);
        files.write(spec("orphan", RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "x"), orphan.toHandle());
        Files.writeString(run.resolve("reused.pid"), "pid=" + stranger.pid() + "\nstart=12345\ncommand=sleep\n");
        Files.writeString(run.resolve("garbage.pid"), "pid=abc\n");

        int killed = new Supervisor(4, 20, 80, run, Duration.ofSeconds(5), Clock.systemUTC()).killOrphans();

        assertThat(killed).isEqualTo(1);
        assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stranger.isAlive()).isTrue();
        try (var left = Files.list(run)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void safeNamesAreFileNames() {
        ProcessSpec s = spec("../ingest stream/7:g 3", RestartPolicy.NEVER, ProgressChannel.NONE, Duration.ZERO, "x");
        assertThat(s.safeName()).isEqualTo("_._ingest_stream_7_g_3");
    }

    private Process spawn() throws IOException {
        Process p = new ProcessBuilder("sleep", "60").start();
        spawned.add(p);
        return p;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            Thread.sleep(10);
        }
    }

    static final class Recorder implements ProcessListener {
        final List<ProcessState> states = new CopyOnWriteArrayList<>();
        final List<Progress> progress = new CopyOnWriteArrayList<>();

        @Override
        public void stateChanged(SupervisedProcess process, ProcessState state) {
            states.add(state);
        }

        @Override
        public void progress(SupervisedProcess process, Progress p) {
            progress.add(p);
        }

        List<ProcessState> of(Class<? extends ProcessState> type) {
            return states.stream().filter(type::isInstance).toList();
        }
    }
}
