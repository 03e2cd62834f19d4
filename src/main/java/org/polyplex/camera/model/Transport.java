package org.polyplex.camera.model;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How RTP travels from a camera: interleaved in the RTSP connection (tcp) or on UDP ports. */
public enum Transport {
    TCP,
    UDP;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The transport of its wire name; an {@code IllegalArgumentException} (a 400) for any other text. */
    @JsonCreator
    public static Transport fromWire(String wire) {
        for (Transport t : values()) {
            if (t.wire().equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport must be tcp or udp");
    }

    /** Stored as its wire name ({@code tcp}, {@code udp}), as the migration's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Transport, String> {

        @Override
        public String convertToDatabaseColumn(Transport t) {
            return t == null ? null : t.wire();
        }

        @Override
        public Transport convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
