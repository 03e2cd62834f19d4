package org.polyplex.catalog.vod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A series as written by admins, with its seasons and each season's episodes nested. A write
 * replaces the whole tree; episodes keep their ids when their (season, episode) numbers stay.
 */
public record SeriesInput(
        @NotBlank @Size(max = 300) String name,
        Long categoryId,
        @Size(max = 2048) String coverUrl,
        @Size(max = 2048) String backdropUrl,
        @Size(max = 4000) String plot,
        @Size(max = 1000) String cast,
        @Size(max = 300) String director,
        @Size(max = 300) String genre,
        LocalDate releaseDate,
        @DecimalMin("0") @DecimalMax("10") BigDecimal rating,
        @Size(max = 32) String tmdbId,
        @Size(max = 300) String trailer,
        Boolean enabled,
        @Size(max = 200) List<@Valid @NotNull SeasonInput> seasons) {

    /** One season and its episodes. */
    public record SeasonInput(
            @NotNull @Min(0) @Max(10_000) Integer seasonNumber,
            @Size(max = 300) String name,
            @Size(max = 4000) String overview,
            LocalDate airDate,
            @Size(max = 2048) String coverUrl,
            @Size(max = 2000) List<@Valid @NotNull EpisodeInput> episodes) {
    }

    /** One episode, played 1:1 from {@code sourceUrl}. */
    public record EpisodeInput(
            @NotNull @Min(0) @Max(100_000) Integer episodeNumber,
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 4096) String sourceUrl,
            @NotBlank @Pattern(regexp = VodInputs.EXTENSION, message = "must be 1 to 10 letters or digits") String containerExtension,
            @Size(max = 4000) String plot,
            @Min(0) Integer durationSeconds,
            @Size(max = 2048) String imageUrl) {
    }
}
