package org.polyplex.platform.process;

/**
 * Hears what a supervised process does. Called on the supervisor's threads (state changes in order,
 * on one thread; progress and error lines on the process's stderr or stdout reader): return fast
 * and never throw.
 */
public interface ProcessListener {

    ProcessListener NONE = new ProcessListener() {
    };

    default void stateChanged(SupervisedProcess process, ProcessState state) {
    }

    default void progress(SupervisedProcess process, Progress progress) {
    }

    /** A stderr line that reads as an error (already bounded in length). */
    default void errorLine(SupervisedProcess process, String line) {
    }
}
