package org.polyplex.restream.destination;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A destination as created (POST) or replaced (PUT). {@code url} is required for {@code custom}
 * and overrides the preset's base otherwise; {@code streamKey} is write-only: required on create
 * for every preset but custom, and on replace null keeps the stored key, "" removes it.
 */
public record DestinationInput(@NotBlank @Size(max = 200) String name, @NotNull Preset preset,
        @Size(max = 1000) String url, @Size(max = 500) String streamKey) {

    /** Never the key, even in a debugger's or a log's view of the record. */
    @Override
    public String toString() {
        return "DestinationInput[name=" + name + ", preset=" + preset + ", url=" + url + ", streamKey="
                + (streamKey == null ? "null" : "***") + "]";
    }
}
