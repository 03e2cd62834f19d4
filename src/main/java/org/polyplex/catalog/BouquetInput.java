package org.polyplex.catalog;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A bouquet as written by admins: whole categories plus single channels. The list sizes stay
 * well under the bind-parameter limit of PostgreSQL (32,767) used to check the ids exist.
 */
public record BouquetInput(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 5_000) Set<@NotNull Long> categoryIds,
        @Size(max = 10_000) Set<@NotNull Long> channelIds) {
}
