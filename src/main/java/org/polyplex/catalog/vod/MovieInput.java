package org.polyplex.catalog.vod;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A movie as written by admins; {@code sourceUrl} is the http(s) file the movie routes proxy. */
public record MovieInput(
        @NotBlank @Size(max = 300) String name,
        Long categoryId,
        @NotBlank @Size(max = 4096) String sourceUrl,
        @NotBlank @Pattern(regexp = VodInputs.EXTENSION, message = "must be 1 to 10 letters or digits") String containerExtension,
        @Size(max = 2048) String posterUrl,
        @Size(max = 4000) String plot,
        @Size(max = 1000) String cast,
        @Size(max = 300) String director,
        @Size(max = 300) String genre,
        LocalDate releaseDate,
        @Min(0) Integer durationSeconds,
        @DecimalMin("0") @DecimalMax("10") BigDecimal rating,
        @Size(max = 32) String tmdbId,
        @Size(max = 300) String trailer,
        Boolean enabled) {
}
