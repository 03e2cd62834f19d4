package org.polyplex.restream.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a destination gets for audio. {@code passthrough}: the source's audio (copied when it is AAC
 * and the profile is copy, else encoded to AAC); {@code silence}: a silent AAC track instead of the
 * source's; {@code mute}: no audio at all; {@code auto} (the default): passthrough when the source
 * has audio, silence when it has none (YouTube refuses a stream without audio).
 */
public enum AudioMode {
    AUTO,
    PASSTHROUGH,
    SILENCE,
    MUTE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AudioMode fromWire(String value) {
        for (AudioMode a : values()) {
            if (a.wire().equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("audio must be auto, passthrough, silence or mute");
    }

    /** Stores the lower-case word the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<AudioMode, String> {

        @Override
        public String convertToDatabaseColumn(AudioMode a) {
            return a == null ? null : a.wire();
        }

        @Override
        public AudioMode convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
