package org.polyplex.accounts.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OAuth-style token answer: {@code {"access_token","token_type":"Bearer","expires_in"}}. */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {
}
