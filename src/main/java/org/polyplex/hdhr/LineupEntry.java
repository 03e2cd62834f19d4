package org.polyplex.hdhr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One channel of {@code lineup.json}, named as HDHomeRun devices name it. {@code GuideNumber} is a
 * string on real devices ({@code "5.1"}) and in the clients' models (Jellyfin reads it into a
 * string and makes its channel id {@code "hdhr_" + GuideNumber}, so it must be unique and hold no
 * underscore).
 */
@JsonPropertyOrder({ "GuideNumber", "GuideName", "URL" })
public record LineupEntry(@JsonProperty("GuideNumber") String guideNumber, @JsonProperty("GuideName") String guideName,
        @JsonProperty("URL") String url) {
}
