package org.polyplex.console.web;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.session.SessionsSnapshot;

/**
 * The data plane's sessions and viewers, as {@code GET /api/sessions} reads them, for a console
 * page on a worker thread: waits a bounded time for the sessions' contexts to answer.
 */
@ApplicationScoped
public class LiveSessions {

    private static final long WAIT_SECONDS = 5;

    private final SessionRegistry registry;

    LiveSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    public SessionsSnapshot now() {
        try {
            return registry.snapshot().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SessionsSnapshot(List.of(), List.of(),
                    new SessionsSnapshot.Memory(registry.memory().used(), registry.memory().total()));
        } catch (Exception e) {
            throw new ConsoleRefusal(503, "The live sessions did not answer in time; reload the page.");
        }
    }

    /** Kicks a viewer, or stops a session and its viewers; false when it is gone already. */
    public boolean kick(long id) {
        return registry.kick(id, "kicked by an admin");
    }
}
