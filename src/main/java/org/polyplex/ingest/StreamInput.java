package org.polyplex.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.polyplex.ingest.streams.Visibility;

/**
 * A stream as created (POST) or replaced (PUT) by admins. {@code categoryId} files the linked
 * channel at creation (null: the default live category); an update leaves the channel alone.
 * {@code allowTakeover} null means false.
 */
public record StreamInput(@NotBlank @Size(max = 200) String name, @NotNull Visibility visibility, Long categoryId,
        Boolean allowTakeover) {
}
