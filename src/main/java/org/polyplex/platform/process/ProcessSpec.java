package org.polyplex.platform.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to run and how to keep it running.
 *
 * @param name unique among running processes, in logs and the pid file name: never a secret
 * @param owner the feature running it (e.g. {@code ingest}), for logs and stats
 * @param command the executable and its arguments, run directly (never through a shell)
 * @param workingDir the process's working directory
 * @param stallTimeout no progress block for this long kills and restarts the process; zero = off
 *        (also off with {@link ProgressChannel#NONE})
 * @param stopGrace time between closing stdin/SIGTERM and SIGKILL when stopping
 */
public record ProcessSpec(String name, String owner, List<String> command, Path workingDir, RestartPolicy restart,
        ProgressChannel progress, Duration stallTimeout, Duration stopGrace) {

    private static final int MAX_NAME = 100;

    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(progress, "progress");
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a process name has 1.." + MAX_NAME + " characters");
        }
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (stallTimeout.isNegative() || stopGrace.isNegative()) {
            throw new IllegalArgumentException("negative timeout");
        }
    }

    /** The name as a file name: letters, digits, dot, dash and underscore; anything else is '_'. */
    public String safeName() {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    boolean stallChecked() {
        return progress != ProgressChannel.NONE && !stallTimeout.isZero();
    }
}
