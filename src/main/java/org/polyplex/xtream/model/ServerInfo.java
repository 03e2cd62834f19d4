package org.polyplex.xtream.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code server_info}: ports as strings, {@code timestamp_now} as an int, {@code time_now} "YYYY-MM-DD HH:MM:SS". */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerInfo(String url, String port, String httpsPort, String serverProtocol, String rtmpPort,
        String timezone, long timestampNow, String timeNow, boolean process) {
}
