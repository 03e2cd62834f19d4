package org.polyplex.ingest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.polyplex.ingest.streams.Visibility;

/** A partial change of a stream (PATCH): null fields keep their stored value. */
public record StreamPatch(@Size(max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        Visibility visibility, Boolean allowTakeover) {
}
