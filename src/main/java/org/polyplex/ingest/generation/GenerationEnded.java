package org.polyplex.ingest.generation;

/**
 * A generation ended or failed, with the reason; fired inside the transaction, for observers with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} (the media side stops its packager).
 */
public record GenerationEnded(long streamId, long generationId, String reason) {
}
