package org.polyplex.hdhr;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code lineup_status.json}: numbers 0/1 as devices send them. Plex polls it during its channel
 * scan until {@code ScanInProgress} is 0; our lineup is always current, so no scan ever runs.
 */
@JsonPropertyOrder({ "ScanInProgress", "ScanPossible", "Source", "SourceList" })
public record LineupStatus(@JsonProperty("ScanInProgress") int scanInProgress,
        @JsonProperty("ScanPossible") int scanPossible, @JsonProperty("Source") String source,
        @JsonProperty("SourceList") List<String> sourceList) {

    static final LineupStatus IDLE = new LineupStatus(0, 1, "Cable", List.of("Cable"));
}
