package org.polyplex.xtream.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One entry of {@code get_live_streams}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LiveStream(long num, String name, String streamType, long streamId, String streamIcon,
        String epgChannelId, String added, int isAdult, String categoryId, List<Long> categoryIds, String customSid,
        int tvArchive, String directSource, int tvArchiveDuration, String thumbnail) {
}
