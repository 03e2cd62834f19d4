package org.polyplex.console.web;

import jakarta.enterprise.context.RequestScoped;

import org.polyplex.console.session.ConsoleSession;
import org.polyplex.console.session.ConsoleSessions;

/** The console session of the request being served, set by {@link ConsoleFilter}. */
@RequestScoped
public class CurrentSession {

    private ConsoleSession session;

    void set(ConsoleSession session) {
        this.session = session;
    }

    /** The session, or null on an anonymous page. */
    public ConsoleSession get() {
        return session;
    }

    public boolean present() {
        return session != null;
    }

    public Frame frame(String section) {
        return new Frame(session.username(), session.csrf(), section);
    }

    /** Refuses a form whose token is not this session's (a forged cross-site post). */
    public void requireToken(String posted) {
        if (session == null || !ConsoleSessions.sameToken(session, posted)) {
            throw new ConsoleRefusal(403,
                    "This form has expired or did not come from this console. Reload the page and try again.");
        }
    }
}
