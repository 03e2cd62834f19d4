package org.polyplex.epg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of Xtream's {@code epg_listings} ({@code get_short_epg}, {@code get_simple_data_table}),
 * field for field as panels send it: ids and timestamps as strings, title and description base64
 * of their UTF-8 bytes, {@code start}/{@code end} as local times of the server time zone, and
 * {@code now_playing}/{@code has_archive} as 0 or 1.
 */
@JsonPropertyOrder({ "id", "epg_id", "title", "lang", "start", "end", "description", "channel_id", "start_timestamp",
        "stop_timestamp", "stream_id", "now_playing", "has_archive" })
public record EpgListing(
        @JsonProperty("id") String id,
        @JsonProperty("epg_id") String epgId,
        @JsonProperty("title") String title,
        @JsonProperty("lang") String lang,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end,
        @JsonProperty("description") String description,
        @JsonProperty("channel_id") String channelId,
        @JsonProperty("start_timestamp") String startTimestamp,
        @JsonProperty("stop_timestamp") String stopTimestamp,
        @JsonProperty("stream_id") String streamId,
        @JsonProperty("now_playing") int nowPlaying,
        @JsonProperty("has_archive") int hasArchive) {
}
