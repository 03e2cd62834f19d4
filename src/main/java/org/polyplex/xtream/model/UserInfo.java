package org.polyplex.xtream.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code user_info}: panels send the numbers as strings, {@code auth} as an int and
 * {@code exp_date} as a string of unix seconds or null (no expiry).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserInfo(String username, String password, String message, int auth, String status, String expDate,
        String isTrial, String activeCons, String createdAt, String maxConnections,
        List<String> allowedOutputFormats) {
}
