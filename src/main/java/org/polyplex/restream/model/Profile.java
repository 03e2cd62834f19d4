package org.polyplex.restream.model;

import java.util.OptionalInt;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a destination's video is made: {@code copy} sends the source's H.264 as it is; the others
 * encode at a height, video bitrate and frame rate, with a keyframe every 2 s (what YouTube, Twitch
 * and Facebook require).
 */
public enum Profile {
    COPY("copy", 0, 0, 0, 0),
    P1080("1080p", 1080, 4500, 30, 128),
    P720("720p", 720, 2500, 30, 128),
    P480("480p", 480, 1000, 30, 96);

    private final String wire;
    private final int height;
    private final int videoKbps;
    private final int fps;
    private final int audioKbps;

    Profile(String wire, int height, int videoKbps, int fps, int audioKbps) {
        this.wire = wire;
        this.height = height;
        this.videoKbps = videoKbps;
        this.fps = fps;
        this.audioKbps = audioKbps;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean encodes() {
        return this != COPY;
    }

    /** Output height in pixels (width follows the aspect ratio); empty for copy. */
    public OptionalInt height() {
        return encodes() ? OptionalInt.of(height) : OptionalInt.empty();
    }

    public int videoKbps() {
        return videoKbps;
    }

    public int fps() {
        return fps;
    }

    /** AAC bitrate when audio is encoded (128 kbit/s for copy too). */
    public int audioKbps() {
        return encodes() ? audioKbps : 128;
    }

    /**
     * The encoded profile one step down the ladder (1080p, 720p, 480p); 480p and copy have none
     * below them and answer themselves.
     */
    public Profile lower() {
        return switch (this) {
            case P1080 -> P720;
            case P720 -> P480;
            default -> this;
        };
    }

    @JsonCreator
    public static Profile fromWire(String value) {
        for (Profile p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("profile must be copy, 1080p, 720p or 480p");
    }

    /** Stores the wire word the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Profile, String> {

        @Override
        public String convertToDatabaseColumn(Profile p) {
            return p == null ? null : p.wire();
        }

        @Override
        public Profile convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
