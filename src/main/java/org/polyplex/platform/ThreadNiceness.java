package org.polyplex.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * Lowers the Linux scheduling priority (raises the niceness) of the calling thread, for
 * background work that must not delay the event loops on a small machine. Java has no API for it
 * ({@code Thread.setPriority} is ignored by the JVM on Linux by default), so the thread finds its
 * task id through {@code /proc/thread-self} and runs {@code renice} on it. Raising niceness needs
 * no privilege. Anywhere else (no {@code /proc}, no {@code renice}) it logs once at debug level
 * and does nothing.
 */
public final class ThreadNiceness {

    private ThreadNiceness() {
    }

    /** Sets the calling thread's niceness to {@code niceness} (1 to 19); 0 or less does nothing. */
    public static boolean lowerCurrentThread(int niceness) {
        if (niceness <= 0) {
            return false;
        }
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>"
            Path task = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            String tid = task.getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(Math.min(niceness, 19)), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return false;
            }
            return renice.exitValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            Log.debugf("thread niceness not changed: %s", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
