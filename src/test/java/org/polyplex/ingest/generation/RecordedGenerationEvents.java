package org.polyplex.ingest.generation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Test observer: the generation events as committed transactions deliver them. */
@ApplicationScoped
public class RecordedGenerationEvents {

    final List<Object> events = new CopyOnWriteArrayList<>();

    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) GenerationStarted event) {
        events.add(event);
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) GenerationEnded event) {
        events.add(event);
    }

    List<Object> of(long streamId) {
        return events.stream().filter(e -> e instanceof GenerationStarted s ? s.streamId() == streamId
                : ((GenerationEnded) e).streamId() == streamId).toList();
    }
}
