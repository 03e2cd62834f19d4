package org.polyplex.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.polyplex.catalog.model.CategoryKind;

/** A category as written by admins; {@code sortOrder} defaults to 0. */
public record CategoryInput(@NotBlank @Size(max = 200) String name, @NotNull CategoryKind kind, Long parentId,
        Integer sortOrder) {
}
