package org.polyplex.xtream.model.vod;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One episode in {@code get_series_info.episodes["N"]}: {@code id} a string, {@code episode_num} and {@code season} ints. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EpisodeItem(String id, int episodeNum, String title, String containerExtension, Info info,
        String customSid, String added, int season, String directSource) {

    /** The episode's own metadata. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Info(String movieImage, String plot, long durationSecs, String duration) {
    }
}
