package org.polyplex.restream.overlay;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * An overlay as created (POST: absent fields take their defaults) or changed (PUT: absent fields
 * keep their value). {@code x}/{@code y} are pixels from the top-left of the encoded picture;
 * colours {@code #rrggbb} ({@code ""} removes the box); fades in seconds, counted from the start of
 * the destination's ffmpeg; {@code durationSeconds} 0 keeps it on for good. The text's length is
 * bounded by {@code polyplex.restream.overlay.max-text-length}.
 */
public record OverlayInput(String type, String text, Long assetId, @Min(0) @Max(7680) Integer x,
        @Min(0) @Max(4320) Integer y, @DecimalMin("0") @DecimalMax("1") Double opacity,
        @DecimalMin("0.01") @DecimalMax("10") Double scale, @Min(8) @Max(400) Integer fontSize,
        @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be #rrggbb") String color,
        @Pattern(regexp = "(#[0-9a-fA-F]{6})?", message = "must be #rrggbb, or empty for no box") String boxColor,
        @DecimalMin("0") @DecimalMax("60") Double fadeInSeconds, @DecimalMin("0") @DecimalMax("60") Double fadeOutSeconds,
        @DecimalMin("0") @DecimalMax("86400") Double durationSeconds) {
}
