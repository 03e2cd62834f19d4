package org.polyplex.xtream.model.vod;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code get_vod_info.info}: the movie's metadata; {@code duration} is "HH:MM:SS". */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MovieInfo(String kinopoiskUrl, String tmdbId, String name, String oName, String coverBig,
        String movieImage, String releasedate, String releaseDate, String episodeRunTime, String youtubeTrailer,
        String director, String actors, String cast, String description, String plot, String age, String country,
        String genre, List<String> backdropPath, long durationSecs, String duration, String rating) {
}
