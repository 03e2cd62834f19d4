package org.polyplex.xtream.model.vod;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One entry of {@code get_series_info.seasons}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeasonInfo(String airDate, int episodeCount, long id, String name, String overview, int seasonNumber,
        String cover, String coverBig) {
}
