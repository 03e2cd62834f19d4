package org.polyplex.accounts.access;

import java.util.Locale;
import java.util.Optional;

/** The stream formats a line may be limited to: the extensions of its live stream URLs. */
public enum StreamFormat {
    TS,
    M3U8;

    /** The word used in the API, the database and Xtream's {@code allowed_output_formats}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StreamFormat> of(String word) {
        for (StreamFormat format : values()) {
            if (format.word().equals(word)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
