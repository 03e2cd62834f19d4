package org.polyplex.ingest.player;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * What a player page reports: its startup time once, then every period the errors and the
 * rebuffering since its last report and its distance to the live edge. Every field bounded.
 */
public record PlayerReport(
        @NotNull @Min(1) Long streamId,
        @Min(0) @Max(600_000) Long startupMs,
        @Min(0) @Max(1_000) Integer errors,
        @Min(0) @Max(3_600_000) Long rebufferMs,
        @DecimalMin("0") @DecimalMax("3600") Double liveEdgeSeconds) {
}
