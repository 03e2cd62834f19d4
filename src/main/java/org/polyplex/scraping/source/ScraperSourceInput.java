package org.polyplex.scraping.source;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A scraper source as admins write it. {@code password} is write-only: omitted or null on update
 * keeps the stored one. {@code priority} ranks this source's streams in a merged channel's
 * failover order (lower first); {@code maxConnections} caps concurrent upstreams of its streams.
 */
public record ScraperSourceInput(
        @NotBlank @Size(max = 2048) String url,
        @NotNull SourceType type,
        Boolean enabled,
        @Min(1) @Max(10_080) Integer intervalMinutes,
        Long categoryId,
        @Min(0) @Max(1_000) Integer priority,
        @Min(1) @Max(10_000) Integer maxConnections,
        @Size(max = 200) String username,
        @Size(max = 200) String password) {
}
