package org.polyplex.xtream.model.vod;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of {@code get_series}, and {@code get_series_info.info}. Panels send both
 * {@code release_date} and {@code releaseDate}; apps read one or the other.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeriesItem(long num, String name, String title, String year, String streamType, long seriesId,
        String cover, String plot, String cast, String director, String genre,
        @JsonProperty("release_date") String releaseDate,
        @JsonProperty("releaseDate") String releaseDateCamel, String lastModified, String rating,
        @JsonProperty("rating_5based") double rating5based, List<String> backdropPath, String youtubeTrailer,
        String episodeRunTime, String categoryId, List<Long> categoryIds) {
}
