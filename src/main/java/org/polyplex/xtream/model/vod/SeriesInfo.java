package org.polyplex.xtream.model.vod;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer to {@code get_series_info}: {@code episodes} is an object keyed by season number. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeriesInfo(List<SeasonInfo> seasons, SeriesItem info, Map<String, List<EpisodeItem>> episodes) {
}
