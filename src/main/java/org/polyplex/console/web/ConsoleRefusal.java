package org.polyplex.console.web;

/** A console request refused with a status and a message for the page (forged form, stale session). */
public class ConsoleRefusal extends RuntimeException {

    private final int status;

    public ConsoleRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
