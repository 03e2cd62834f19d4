package org.polyplex.epg;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An EPG source as admins write it: {@code url} is http(s) or a file path under the local root
 * ({@code data/} by default); {@code enabled} defaults to true, {@code intervalMinutes} to 720,
 * {@code offsetMinutes} (added to every programme time) to 0.
 */
public record EpgSourceInput(@NotBlank @Size(max = 2048) String url, Boolean enabled,
        @Min(5) @Max(10080) Integer intervalMinutes, @Min(-1440) @Max(1440) Integer offsetMinutes) {
}
