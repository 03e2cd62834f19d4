package org.polyplex.epg.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * How an import ended: {@code RUNNING} until it does; {@code SUCCESS}; {@code WARNING} when some
 * records were skipped but the guide was replaced; {@code FAILED} when the previous guide was kept.
 */
public enum RunStatus {
    RUNNING,
    SUCCESS,
    WARNING,
    FAILED;

    public String wire() {
        return name().toLowerCase();
    }

    /** Stores the lower-case wire name, which the table's check constraint lists. */
    @Converter
    public static class DbConverter implements AttributeConverter<RunStatus, String> {

        @Override
        public String convertToDatabaseColumn(RunStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public RunStatus convertToEntityAttribute(String value) {
            return value == null ? null : RunStatus.valueOf(value.toUpperCase());
        }
    }
}
