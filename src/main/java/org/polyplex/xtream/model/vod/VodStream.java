package org.polyplex.xtream.model.vod;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One entry of {@code get_vod_streams}: {@code rating} a string, {@code rating_5based} a number. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VodStream(long num, String name, String title, String year, String streamType, long streamId,
        String streamIcon, String rating, @JsonProperty("rating_5based") double rating5based, String added,
        int isAdult, String categoryId, List<Long> categoryIds, String containerExtension, String customSid,
        String directSource) {
}
