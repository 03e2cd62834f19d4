package org.polyplex.accounts;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.polyplex.accounts.access.AccessInput;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user as written by admins ({@code POST}/{@code PUT /api/users}). Usernames and passwords
 * travel inside Xtream URL paths and query strings, so both are limited to characters that no
 * client needs to escape, and a username is never {@code .} or {@code ..} (a dot segment, which
 * no stream path may carry). The password is required on create and optional on update (absent
 * keeps the current one); it is never read back. {@code access} (the line's access rules) works
 * the same way: absent on update keeps the current rules, absent on create means none; and so does
 * {@code outputProfile}, the profile the line's stream URLs play through when they name none
 * ({@code passthrough} clears it; whether the name exists is checked when a player asks, since
 * profiles live in the configuration).
 */
public record UserInput(
        @NotBlank @Size(max = 64) @Pattern(regexp = "(?!\\.\\.?$)[A-Za-z0-9._@-]+", message = "may contain only letters, digits and . _ @ -, and may not be . or ..") String username,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) @Size(min = 4, max = 128) @Pattern(regexp = "[A-Za-z0-9._~@!*-]+", message = "may contain only letters, digits and . _ ~ @ ! * -") String password,
        @Min(1) @Max(1000) Integer maxConnections,
        Instant expiresAt,
        Boolean trial,
        Boolean enabled,
        Boolean admin,
        @Size(max = 1000) Set<@NotNull Long> bouquetIds,
        @Valid AccessInput access,
        @Pattern(regexp = "[a-z0-9._-]{1,32}", message = "is a profile name: 1 to 32 characters of a-z 0-9 . _ -") String outputProfile) {

    /** A user input that leaves the access rules and the output profile as they are. */
    public UserInput(String username, String password, Integer maxConnections, Instant expiresAt, Boolean trial,
            Boolean enabled, Boolean admin, Set<Long> bouquetIds) {
        this(username, password, maxConnections, expiresAt, trial, enabled, admin, bouquetIds, null, null);
    }

    /** A user input that leaves the output profile as it is. */
    public UserInput(String username, String password, Integer maxConnections, Instant expiresAt, Boolean trial,
            Boolean enabled, Boolean admin, Set<Long> bouquetIds, AccessInput access) {
        this(username, password, maxConnections, expiresAt, trial, enabled, admin, bouquetIds, access, null);
    }
}
