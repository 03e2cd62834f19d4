package org.polyplex.platform.process;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The owner's side of a process's stdin and stdout, handed over at every (re)start. The owner
 * reads {@code stdout} on its own thread (it must drain it, or the process blocks) and writes
 * {@code stdin}; both belong to that one attempt. With {@link #NONE} stdin is closed at once and
 * stdout is drained and dropped (or parsed, for {@link ProgressChannel#STDOUT}).
 */
public interface ProcessIo {

    /** No I/O of the owner's: stdin closed at once, stdout drained by the supervisor. */
    ProcessIo NONE = (attempt, stdin, stdout) -> {
    };

    /**
     * Called on the supervisor's thread right after the spawn; must not block.
     *
     * @param stdout null when the supervisor reads stdout itself ({@link ProgressChannel#STDOUT})
     */
    void attached(int attempt, OutputStream stdin, InputStream stdout);
}
