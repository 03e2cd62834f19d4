package org.polyplex.ingest.generation;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The life of a generation: {@code starting} (waiting for a publisher, or for the first playable
 * playlist) -> {@code live} -> {@code ended}; {@code failed} when it cannot start or its media
 * backend gives up. {@code ended} and {@code failed} are final. A transition is asked of the state
 * it leaves ({@link #toLive()}, {@link #toEnded()}, {@link #toFailed()}); any other throws
 * {@link IllegalStateException}. Lower case in JSON and in the database.
 */
public enum GenerationState {
    STARTING,
    LIVE,
    ENDED,
    FAILED;

    /** Whether the generation is still open (a publisher may feed it). */
    public boolean open() {
        return this == STARTING || this == LIVE;
    }

    /** The first playable playlist exists: starting -> live; live stays live (a resumed publish). */
    public GenerationState toLive() {
        return require(open(), LIVE);
    }

    /** An admin stop, the idle bound or a restart: starting or live -> ended. */
    public GenerationState toEnded() {
        return require(open(), ENDED);
    }

    /** It cannot start or carry on: starting or live -> failed. */
    public GenerationState toFailed() {
        return require(open(), FAILED);
    }

    private GenerationState require(boolean allowed, GenerationState next) {
        if (!allowed) {
            throw new IllegalStateException("a " + wire() + " generation cannot become " + next.wire());
        }
        return next;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static GenerationState fromWire(String value) {
        for (GenerationState s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown generation state " + value);
    }

    /** Stores the lower-case word the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<GenerationState, String> {

        @Override
        public String convertToDatabaseColumn(GenerationState s) {
            return s == null ? null : s.wire();
        }

        @Override
        public GenerationState convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
