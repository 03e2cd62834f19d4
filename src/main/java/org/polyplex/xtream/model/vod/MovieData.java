package org.polyplex.xtream.model.vod;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code get_vod_info.movie_data}: what the app needs to build the play URL. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MovieData(long streamId, String name, String title, String year, String added, String categoryId,
        List<Long> categoryIds, String containerExtension, String customSid, String directSource) {
}
