package org.polyplex.catalog;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A channel as written by admins, with its sources in failover order. A source without a
 * priority takes its position in the list. {@code archiveDays} is the catch-up window (0 = not
 * recorded, at most {@link #MAX_ARCHIVE_DAYS}); null keeps the stored value (0 for a new channel).
 */
public record ChannelInput(
        @NotBlank @Size(max = 300) String name,
        @Min(1) @Max(9_999_999) Integer number,
        Long categoryId,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String logoUrl,
        @Size(max = 300) String epgId,
        Boolean enabled,
        @Size(max = 32) List<@Valid @NotNull SourceInput> sources,
        @Min(0) @Max(MAX_ARCHIVE_DAYS) Integer archiveDays) {

    /** The longest archive window: 30 days, as IPTV panels offer. */
    public static final int MAX_ARCHIVE_DAYS = 30;

    /** A channel whose archive window stays as it is (0 for a new one). */
    public ChannelInput(String name, Integer number, Long categoryId, String logoUrl, String epgId, Boolean enabled,
            List<SourceInput> sources) {
        this(name, number, categoryId, logoUrl, epgId, enabled, sources, null);
    }

    /**
     * One upstream: {@code http(s)://...} (MPEG-TS or HLS) or {@code acestream://<40 hex digits>}.
     * {@code headers} are the HTTP headers its requests carry ({@code {"User-Agent": "..."}});
     * null keeps the stored ones, an empty object removes them.
     */
    public record SourceInput(
            @NotBlank @Size(max = 4096) String url,
            @Min(0) @Max(10_000) Integer priority,
            @Min(1) @Max(10_000) Integer maxConnections,
            Map<String, String> headers) {

        /** A source whose stored headers stay as they are. */
        public SourceInput(String url, Integer priority, Integer maxConnections) {
            this(url, priority, maxConnections, null);
        }
    }
}
