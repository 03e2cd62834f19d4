package org.polyplex.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every error answered under {@code /api/**}: {@code {"status","code","message"}},
 * plus {@code field} when one input field is to blame.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String code, String message, String field) {

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }
}
