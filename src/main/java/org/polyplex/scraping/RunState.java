package org.polyplex.scraping;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a scheduled scrape pass is under way, so that a pass never overlaps the previous one
 * even when triggered from elsewhere. States are values: {@link Idle} or {@link Running}.
 */
public final class RunState {

    /** What the scheduler is doing. */
    public sealed interface State permits Idle, Running {
    }

    /** No pass running; {@code lastFinished} is null before the first. */
    public record Idle(Instant lastFinished) implements State {
    }

    /** A pass started at {@code since}. */
    public record Running(Instant since) implements State {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new Idle(null));

    public State current() {
        return state.get();
    }

    /** Starts a pass unless one is running; close the attempt to end it. */
    public Optional<Attempt> tryStart(Instant now) {
        State before = state.get();
        if (before instanceof Running || !state.compareAndSet(before, new Running(now))) {
            return Optional.empty();
        }
        return Optional.of(new Attempt());
    }

    /** One pass; closing it makes the state idle again. */
    public final class Attempt implements AutoCloseable {

        private Attempt() {
        }

        @Override
        public void close() {
            state.set(new Idle(Instant.now()));
        }
    }
}
