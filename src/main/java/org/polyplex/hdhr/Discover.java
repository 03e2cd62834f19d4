package org.polyplex.hdhr;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code discover.json}, the fields HDHomeRun clients read: Jellyfin (and Emby) take
 * {@code DeviceID}, {@code FriendlyName}, {@code TunerCount} (a number), {@code ModelNumber} (a
 * model with "hdtc" in it would make them ask for {@code ?transcode=} profiles we do not serve)
 * and {@code LineupURL}, else {@code BaseURL + "/lineup.json"}; Plex also {@code BaseURL} for the
 * calls that follow.
 */
@JsonPropertyOrder({ "FriendlyName", "Manufacturer", "ModelNumber", "FirmwareName", "FirmwareVersion", "DeviceID",
        "DeviceAuth", "BaseURL", "LineupURL", "TunerCount" })
public record Discover(@JsonProperty("FriendlyName") String friendlyName,
        @JsonProperty("Manufacturer") String manufacturer, @JsonProperty("ModelNumber") String modelNumber,
        @JsonProperty("FirmwareName") String firmwareName, @JsonProperty("FirmwareVersion") String firmwareVersion,
        @JsonProperty("DeviceID") String deviceId, @JsonProperty("DeviceAuth") String deviceAuth,
        @JsonProperty("BaseURL") String baseUrl, @JsonProperty("LineupURL") String lineupUrl,
        @JsonProperty("TunerCount") int tunerCount) {

    /** What clients match on to treat a device as an HDHomeRun network tuner. */
    static final String MANUFACTURER = "Silicondust";
    /** A four-tuner HDHomeRun model without transcoding. */
    static final String MODEL = "HDHR5-4US";
    static final String FIRMWARE_NAME = "hdhomerun5_atsc";
    static final String FIRMWARE_VERSION = "20240101";
}
