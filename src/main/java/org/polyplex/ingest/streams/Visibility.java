package org.polyplex.ingest.streams;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who may watch a stream: {@code public} anyone, {@code subscribers} any valid Xtream line,
 * {@code private} admins only. Lower case in JSON and in the database.
 */
public enum Visibility {
    PUBLIC,
    SUBSCRIBERS,
    PRIVATE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Visibility fromWire(String value) {
        for (Visibility v : values()) {
            if (v.wire().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("visibility must be public, subscribers or private");
    }

    /** Stores the lower-case word the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Visibility, String> {

        @Override
        public String convertToDatabaseColumn(Visibility v) {
            return v == null ? null : v.wire();
        }

        @Override
        public Visibility convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
