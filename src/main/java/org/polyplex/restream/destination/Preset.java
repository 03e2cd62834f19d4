package org.polyplex.restream.destination;

import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A platform's ingest, so an admin enters only the stream key: the base URL each preset uses
 * (the platforms' documented primary ingest points) unless the destination overrides it. The
 * final URL is {@code base + "/" + key} for every preset.
 */
public enum Preset {
    YOUTUBE("youtube", "rtmp://a.rtmp.youtube.com/live2"),
    /** YouTube's backup ingest: the same key, sent a second time, marked with {@code ?backup=1}. */
    YOUTUBE_BACKUP("youtube-backup", "rtmp://b.rtmp.youtube.com/live2?backup=1"),
    TWITCH("twitch", "rtmp://live.twitch.tv/app"),
    FACEBOOK("facebook", "rtmps://live-api-s.facebook.com:443/rtmp"),
    KICK("kick", "rtmps://fa723fc1b171.global-contribute.live-video.net/app"),
    /** Any RTMP or RTMPS server: the URL is required. */
    CUSTOM("custom", null);

    private final String wire;
    private final String base;

    Preset(String wire, String base) {
        this.wire = wire;
        this.base = base;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The preset's own ingest base URL; empty for {@link #CUSTOM}. */
    public Optional<String> base() {
        return Optional.ofNullable(base);
    }

    @JsonCreator
    public static Preset fromWire(String value) {
        for (Preset p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("preset must be youtube, youtube-backup, twitch, facebook, kick or custom");
    }

    /** Stores the wire word the schema's check constraint expects. */
    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Preset, String> {

        @Override
        public String convertToDatabaseColumn(Preset p) {
            return p == null ? null : p.wire();
        }

        @Override
        public Preset convertToEntityAttribute(String value) {
            return value == null ? null : fromWire(value);
        }
    }
}
