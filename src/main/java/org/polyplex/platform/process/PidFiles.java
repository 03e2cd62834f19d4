package org.polyplex.platform.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * One file per running process ({@code <safe-name>.pid}: pid, start time, executable name) so
 * that a node that crashed can find and kill the processes it left behind when it starts again.
 * A pid is trusted only while the live process has the recorded start time and executable: a
 * reused pid is never killed.
 */
final class PidFiles {

    private static final int MAX_FILE_BYTES = 4096;
    private static final int MAX_FILES = 100_000;

    private final Path dir;

    PidFiles(Path dir) {
        this.dir = dir;
    }

    void write(ProcessSpec spec, ProcessHandle handle) {
        Instant start = handle.info().startInstant().orElse(Instant.EPOCH);
        String command = handle.info().command().orElse(spec.command().get(0));
        String text = "pid=" + handle.pid() + "\nstart=" + start.toEpochMilli() + "\ncommand=" + executable(command)
                + "\n";
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(spec.safeName() + ".pid.tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file(spec), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warnf("process %s: cannot write its pid file in %s: %s", spec.name(), dir, e.getMessage());
        }
    }

    void remove(ProcessSpec spec) {
        try {
            Files.deleteIfExists(file(spec));
        } catch (IOException e) {
            Log.warnf("process %s: cannot delete its pid file: %s", spec.name(), e.getMessage());
        }
    }

    /**
     * Kills every process a pid file names that still runs with the recorded start time and
     * executable (SIGTERM, SIGKILL after {@code grace}) and deletes the files. Answers the kills.
     */
    int killOrphans(Duration grace) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int killed = 0;
        int seen = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid*")) {
            for (Path f : files) {
                if (++seen > MAX_FILES) {
                    break;
                }
                Optional<ProcessHandle> orphan = orphan(f);
                if (orphan.isPresent()) {
                    kill(orphan.get(), grace);
                    Log.warnf("killed process %d left running by a previous run (%s)", orphan.get().pid(),
                            f.getFileName());
                    killed++;
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            Log.warnf("cannot read the pid files in %s: %s", dir, e.getMessage());
        }
        return killed;
    }

    private static Optional<ProcessHandle> orphan(Path f) throws IOException {
        if (!f.getFileName().toString().endsWith(".pid") || Files.size(f) > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        long pid = -1;
        long start = -1;
        String command = null;
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            try {
                if (line.startsWith("pid=")) {
                    pid = Long.parseLong(line.substring(4));
                } else if (line.startsWith("start=")) {
                    start = Long.parseLong(line.substring(6));
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (line.startsWith("command=")) {
                command = line.substring(8);
            }
        }
        if (pid <= 1 || start <= 0 || command == null || pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        String expected = command;
        long expectedStart = start;
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            ProcessHandle.Info info = h.info();
            boolean sameStart = info.startInstant().map(i -> Math.abs(i.toEpochMilli() - expectedStart) < 1000)
                    .orElse(false);
            boolean sameCommand = info.command().map(c -> executable(c).equals(expected)).orElse(false);
            return sameStart && sameCommand;
        });
    }

    static void kill(ProcessHandle h, Duration grace) {
        h.destroy();
        try {
            h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }

    static String executable(String command) {
        int slash = command.lastIndexOf('/');
        return slash < 0 ? command : command.substring(slash + 1);
    }

    private Path file(ProcessSpec spec) {
        return dir.resolve(spec.safeName() + ".pid");
    }
}
