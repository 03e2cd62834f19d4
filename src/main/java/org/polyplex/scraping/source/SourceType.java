package org.polyplex.scraping.source;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a scraper source is read; {@code auto} detects JSON, M3U or HTML from the response. */
public enum SourceType {
    AUTO,
    JSON,
    M3U,
    HTML,
    XTREAM;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SourceType fromWire(String value) {
        for (SourceType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("type must be auto, json, m3u, html or xtream");
    }

    /** Stores the lower-case word that the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<SourceType, String> {

        @Override
        public String convertToDatabaseColumn(SourceType type) {
            return type == null ? null : type.wire();
        }

        @Override
        public SourceType convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
