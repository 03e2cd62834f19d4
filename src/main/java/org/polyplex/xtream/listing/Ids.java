package org.polyplex.xtream.listing;

import java.util.OptionalLong;

/** Parses ids sent by apps; anything that is not a plausible positive id is absent, never an error. */
public final class Ids {

    private Ids() {
    }

    public static OptionalLong parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        long id = Long.parseLong(value);
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
