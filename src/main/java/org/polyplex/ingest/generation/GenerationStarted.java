package org.polyplex.ingest.generation;

/**
 * A new generation was opened (by a publisher or an admin start); fired inside the transaction,
 * for observers with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}.
 */
public record GenerationStarted(long streamId, long generationId) {
}
