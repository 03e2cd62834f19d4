package org.polyplex.catalog.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a category holds; written in lower case in JSON and in the database. */
public enum CategoryKind {
    LIVE,
    MOVIE,
    SERIES;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static CategoryKind fromWire(String value) {
        for (CategoryKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be live, movie or series");
    }

    /** Stores the lower-case word that the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<CategoryKind, String> {

        @Override
        public String convertToDatabaseColumn(CategoryKind kind) {
            return kind == null ? null : kind.wire();
        }

        @Override
        public CategoryKind convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
