package org.polyplex.ingest.api;

import jakarta.validation.constraints.Size;

/** A key to create: an optional label ("OBS studio", "backup encoder"). */
public record KeyInput(@Size(max = 100) String label) {
}
