package org.polyplex.platform.process;

/** A process was not started: the node runs as many as it may, or one of that name runs. */
public class ProcessRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProcessRefusedException(String message) {
        super(message);
    }
}
